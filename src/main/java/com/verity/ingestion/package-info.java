/**
 * Documents from upload to passages, and the passage index ({@link
 * com.verity.ingestion.PassageIndex}), the one owner of the passage, document_build and
 * index_generation tables.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {"collection", "embedding", "jobs", "language", "security", "web"})
package com.verity.ingestion;

import org.springframework.modulith.ApplicationModule;
