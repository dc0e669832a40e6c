/**
 * Identity and access: accounts, API keys, sign-in, rate limits, audit.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(allowedDependencies = {"web"})
package com.verity.security;

import org.springframework.modulith.ApplicationModule;
