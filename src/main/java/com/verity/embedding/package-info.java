/**
 * The embedding models, bundled and through Ollama.
 *
 * <p>Its allowed dependencies are declared here and checked by {@code ModularityTests}.
 */
@ApplicationModule(allowedDependencies = {})
package com.verity.embedding;

import org.springframework.modulith.ApplicationModule;
