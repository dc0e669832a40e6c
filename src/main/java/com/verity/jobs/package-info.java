/**
 * Leases, heartbeats and worker names shared by the background workers.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(allowedDependencies = {})
package com.verity.jobs;

import org.springframework.modulith.ApplicationModule;
