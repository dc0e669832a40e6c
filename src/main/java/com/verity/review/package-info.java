/**
 * Review and improvement of answers: the review queue, editors' verified answers served before any
 * model call, and training data for fine-tuning from answers that check (docs/review.md).
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {
            "assistant",
            "collection",
            "embedding",
            "ingestion",
            "retrieval",
            "security",
            "web"
        })
package com.verity.review;

import org.springframework.modulith.ApplicationModule;
