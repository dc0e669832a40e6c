/**
 * Collections and who may read or edit them.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(allowedDependencies = {"security", "web"})
package com.verity.collection;

import org.springframework.modulith.ApplicationModule;
