/**
 * Folder sources kept in step with collections.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(allowedDependencies = {"collection", "ingestion", "language", "security", "web"})
package com.verity.sync;

import org.springframework.modulith.ApplicationModule;
