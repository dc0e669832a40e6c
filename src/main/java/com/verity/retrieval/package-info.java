/**
 * Hybrid search over a collection's serving generation.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {
            "collection",
            "embedding",
            "ingestion",
            "language",
            "security",
            "web"
        })
package com.verity.retrieval;

import org.springframework.modulith.ApplicationModule;
