/**
 * Evaluation on a team's own documents: golden sets of questions with what a right answer draws on
 * (docs/evaluation.md), evaluations of models on them run as durable jobs, and blind comparisons
 * agents vote on.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {
            "assistant",
            "collection",
            "embedding",
            "jobs",
            "retrieval",
            "security",
            "web"
        })
package com.verity.evaluation;

import org.springframework.modulith.ApplicationModule;
