package com.verity.assistant;

import java.util.List;
import org.springframework.stereotype.Component;

/** The allowed models and whether Ollama has pulled each of them, asked fresh each time. */
@Component
class ModelCatalog {

    private final AssistantProperties properties;
    private final OllamaGateway ollama;

    ModelCatalog(AssistantProperties properties, OllamaGateway ollama) {
        this.properties = properties;
        this.ollama = ollama;
    }

    ModelStatus status() {
        List<String> pulled;
        try {
            pulled = ollama.pulledModels();
        } catch (ModelUnavailableException e) {
            return new ModelStatus(
                    properties.defaultModel(),
                    false,
                    e.getMessage(),
                    properties.allowedModels().stream()
                            .map(name -> new ModelStatus.Model(name, false, "ollama pull " + name))
                            .toList());
        }
        return new ModelStatus(
                properties.defaultModel(),
                true,
                null,
                properties.allowedModels().stream()
                        .map(
                                name -> {
                                    boolean ready = OllamaGateway.isPulled(name, pulled);
                                    return new ModelStatus.Model(
                                            name, ready, ready ? null : "ollama pull " + name);
                                })
                        .toList());
    }
}
