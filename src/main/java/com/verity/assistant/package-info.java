/**
 * Answers grounded in retrieved passages, the models that write them, and the turn log.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {"collection", "embedding", "retrieval", "security", "web"})
package com.verity.assistant;

import org.springframework.modulith.ApplicationModule;
