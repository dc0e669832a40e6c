package com.verity.assistant;

import java.util.List;

/**
 * The models callers may choose, and whether Ollama has each one ready.
 *
 * @param ollamaReachable whether Ollama answered; when it did not, {@code pulled} is unknown
 *     (false)
 */
public record ModelStatus(
        String defaultModel, boolean ollamaReachable, String ollamaError, List<Model> models) {

    /** One allowed model; {@code pullCommand} says how to make it available when it is not. */
    public record Model(String name, boolean pulled, String pullCommand) {}
}
