/**
 * The OpenAI-compatible API under {@code /v1}: a collection (or a collection with a chosen model)
 * is a "model", and its answers keep their citations.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(
        allowedDependencies = {"assistant", "collection", "retrieval", "security", "web"})
package com.verity.openai;

import org.springframework.modulith.ApplicationModule;
