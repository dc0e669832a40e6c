/**
 * Evaluation on a team's own documents: golden sets of questions with what a right answer draws on
 * (docs/evaluation.md).
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(allowedDependencies = {"collection", "security", "web"})
package com.verity.evaluation;

import org.springframework.modulith.ApplicationModule;
