package com.verity.assistant;

/**
 * One inference server as its problems name it: Ollama, or an OpenAI-compatible backend by its
 * configured name.
 *
 * @param name the backend's name ({@code ollama}, or the key under {@code
 *     verity.assistant.backends})
 * @param label how messages call it ("Ollama", "The backend 'vllm'")
 * @param baseUrl its address, for logs only: problems shown to callers never name it
 * @param ollama whether it is Ollama (models are pulled) or OpenAI-compatible (models are served)
 */
record ModelServer(String name, String label, String baseUrl, boolean ollama) {

    static final String OLLAMA = "ollama";

    static ModelServer ollama(String baseUrl) {
        return new ModelServer(OLLAMA, "Ollama", baseUrl, true);
    }

    static ModelServer openAi(String name, String baseUrl) {
        return new ModelServer(name, "The backend '" + name + "'", baseUrl, false);
    }

    /** The property holding its address. */
    String baseUrlProperty() {
        return ollama
                ? "verity.assistant.ollama.base-url"
                : "verity.assistant.backends." + name + ".base-url";
    }

    String unreachable() {
        return ollama
                ? "Ollama is not reachable; start it ('ollama serve') or check"
                        + " verity.assistant.ollama.base-url."
                : label + " is not reachable; start it or check " + baseUrlProperty() + ".";
    }

    /** {@code model} as callers name it. */
    String notServed(String model) {
        return ollama
                ? "The model '%s' is not pulled in Ollama; run 'ollama pull %s'."
                        .formatted(model, model)
                : "%s does not serve the model '%s'; start it with that model or check verity.assistant.backends.%s.models."
                        .formatted(label, model, name);
    }

    /** What makes {@code model} available, in words an admin can act on. */
    String pullCommand(String model) {
        return ollama ? "ollama pull " + model : "serve " + model + " on the backend " + name;
    }
}
