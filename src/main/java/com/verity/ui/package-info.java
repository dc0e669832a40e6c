/**
 * The web UI.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {
            "assistant",
            "collection",
            "evaluation",
            "ingestion",
            "reindex",
            "retrieval",
            "review",
            "security",
            "web"
        })
package com.verity.ui;

import org.springframework.modulith.ApplicationModule;
