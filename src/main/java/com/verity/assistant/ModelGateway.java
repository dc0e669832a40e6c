package com.verity.assistant;

import dev.langchain4j.data.message.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Every model call goes through here: a model's name as callers use it picks its backend (a name
 * {@code <backend>/<model>} one of {@code verity.assistant.backends}, any other name Ollama), and
 * its profile ({@link #profile}) sets how the request is made.
 */
@Component
class ModelGateway {

    private static final Pattern BACKEND_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** A model on its backend, named as the backend names it. */
    record Target(ChatBackend backend, String name) {}

    private final AssistantProperties properties;
    private final ModelRegistry registry;
    private final OllamaBackend ollama;
    private final Map<String, ChatBackend> backends = new LinkedHashMap<>();

    ModelGateway(AssistantProperties properties, ModelRegistry registry) {
        this.properties = properties;
        this.registry = registry;
        this.ollama = new OllamaBackend(properties.ollama());
        backends.put(ModelServer.OLLAMA, ollama);
        properties
                .backends()
                .forEach(
                        (name, backend) -> {
                            if (!BACKEND_NAME.matcher(name).matches()
                                    || name.equals(ModelServer.OLLAMA)) {
                                throw new IllegalStateException(
                                        ("verity.assistant.backends.%s: a backend's name is lowercase letters, digits"
                                                        + " and '-', starts with a letter and is not 'ollama'")
                                                .formatted(name));
                            }
                            backends.put(name, new OpenAiBackend(name, backend));
                        });
    }

    OllamaBackend ollama() {
        return ollama;
    }

    /** Ollama first, then the OpenAI-compatible backends in configuration order. */
    List<ChatBackend> backends() {
        return new ArrayList<>(backends.values());
    }

    Target target(String model) {
        int slash = model.indexOf('/');
        if (slash > 0) {
            ChatBackend backend = backends.get(model.substring(0, slash));
            if (backend != null && backend != ollama) {
                return new Target(backend, model.substring(slash + 1));
            }
        }
        return new Target(ollama, model);
    }

    /** What makes {@code model} available on its backend, in words an admin can act on. */
    String pullCommand(String model) {
        Target target = target(model);
        return target.backend().server().pullCommand(target.name());
    }

    /** The name callers use for a model a backend lists by {@code name}. */
    static String callerName(ChatBackend backend, String name) {
        return backend.server().ollama() ? name : backend.server().name() + "/" + name;
    }

    /**
     * How requests to {@code model} are made: the models page's overrides, over the configured
     * profile ({@code verity.assistant.profiles}), over the configured defaults.
     */
    ModelProfile profile(String model) {
        ModelProfile configured =
                properties
                        .profiles()
                        .getOrDefault(model, ModelProfile.NONE)
                        .over(properties.defaultProfile());
        return registry.find(model).map(e -> e.profile().over(configured)).orElse(configured);
    }

    /**
     * Streams {@code model}'s answer made with {@code profile} (its own, or with a caller's
     * sampling).
     */
    Generation stream(
            String model,
            List<ChatMessage> messages,
            ModelProfile profile,
            Consumer<String> onToken) {
        Target target = target(model);
        return target.backend().stream(target.name(), messages, profile, onToken);
    }

    String complete(String model, String prompt) {
        Target target = target(model);
        return target.backend().complete(target.name(), prompt, profile(model));
    }
}
