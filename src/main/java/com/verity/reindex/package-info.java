/**
 * Re-index jobs: build a new index generation beside the serving one, verify, switch, retire; all
 * through {@link com.verity.ingestion.PassageIndex}.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {"collection", "embedding", "ingestion", "jobs", "security", "web"})
package com.verity.reindex;

import org.springframework.modulith.ApplicationModule;
