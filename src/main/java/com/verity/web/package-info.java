/**
 * What every HTTP surface shares: problem details, headers.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(allowedDependencies = {})
package com.verity.web;

import org.springframework.modulith.ApplicationModule;
