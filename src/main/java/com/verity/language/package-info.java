/**
 * Languages: detection and their PostgreSQL text-search configurations.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(allowedDependencies = {})
package com.verity.language;

import org.springframework.modulith.ApplicationModule;
