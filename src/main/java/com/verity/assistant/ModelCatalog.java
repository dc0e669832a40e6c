package com.verity.assistant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The models callers may use and what their backends say of them: Ollama's {@code /api/tags},
 * {@code /api/show} and {@code /api/ps}, an OpenAI-compatible server's {@code /models}. What a
 * backend lists is held for {@code verity.assistant.model-info-ttl}, a model's details thirty times
 * as long; pulling, creating or deleting a model forgets both at once.
 */
@Component
class ModelCatalog {

    /** What one backend listed, or why it could not. */
    private record Listing(List<ChatBackend.ModelInfo> models, Set<String> loaded, String error) {
        boolean reachable() {
            return error == null;
        }

        Optional<ChatBackend.ModelInfo> find(ChatBackend backend, String name) {
            String wanted = backend.server().ollama() ? OllamaBackend.fullName(name) : name;
            return models.stream()
                    .filter(m -> m.name().equals(wanted) || m.name().equals(name))
                    .findFirst();
        }

        boolean isLoaded(ChatBackend backend, String name) {
            return loaded.contains(name)
                    || (backend.server().ollama() && loaded.contains(OllamaBackend.fullName(name)));
        }
    }

    private final AssistantProperties properties;
    private final ModelGateway gateway;
    private final ModelRegistry registry;
    private final Cache<String, Listing> listings;
    private final Cache<String, Optional<ChatBackend.ModelInfo>> details;

    ModelCatalog(AssistantProperties properties, ModelGateway gateway, ModelRegistry registry) {
        this.properties = properties;
        this.gateway = gateway;
        this.registry = registry;
        Duration ttl = properties.modelInfoTtl();
        this.listings = Caffeine.newBuilder().expireAfterWrite(ttl).build();
        this.details = Caffeine.newBuilder().expireAfterWrite(ttl.multipliedBy(30)).build();
    }

    /** The allowed models and their state, as agents see them. */
    ModelStatus status() {
        return status(false);
    }

    /**
     * With {@code everything}, also the models a backend has that are not allowed, and those
     * disallowed: what admins see.
     */
    ModelStatus status(boolean everything) {
        Map<String, Listing> byBackend = new LinkedHashMap<>();
        for (ChatBackend backend : gateway.backends()) {
            byBackend.put(backend.server().name(), listing(backend));
        }
        List<ModelStatus.Model> models = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (ModelRegistry.Entry entry : registry.all()) {
            if (entry.allowed() || everything) {
                models.add(model(entry.name(), entry.allowed(), byBackend));
                named.add(entry.name());
            }
        }
        if (everything) {
            for (ChatBackend backend : gateway.backends()) {
                for (ChatBackend.ModelInfo info : byBackend.get(backend.server().name()).models()) {
                    String name = ModelGateway.callerName(backend, info.name());
                    if (named.stream().noneMatch(n -> sameModel(backend, n, name))) {
                        models.add(model(name, false, byBackend));
                        named.add(name);
                    }
                }
            }
        }
        Listing ollama = byBackend.get(ModelServer.OLLAMA);
        return new ModelStatus(
                properties.defaultModel(),
                ollama.reachable(),
                ollama.error(),
                gateway.backends().stream()
                        .map(
                                b ->
                                        new ModelStatus.Backend(
                                                b.server().name(),
                                                b.server().ollama() ? "ollama" : "openai",
                                                byBackend.get(b.server().name()).reachable(),
                                                byBackend.get(b.server().name()).error()))
                        .toList(),
                models);
    }

    /** Whether two caller names mean one model ({@code mistral} and {@code mistral:latest}). */
    private boolean sameModel(ChatBackend backend, String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        ModelGateway.Target target = gateway.target(a);
        return target.backend() == backend
                && backend.server().ollama()
                && OllamaBackend.fullName(a).equals(OllamaBackend.fullName(b));
    }

    private ModelStatus.Model model(String name, boolean allowed, Map<String, Listing> byBackend) {
        ModelGateway.Target target = gateway.target(name);
        ChatBackend backend = target.backend();
        Listing listing = byBackend.get(backend.server().name());
        Optional<ChatBackend.ModelInfo> listed = listing.find(backend, target.name());
        ChatBackend.ModelInfo info =
                listed.map(l -> withDetails(backend, target.name(), l)).orElse(null);
        return new ModelStatus.Model(
                name,
                info != null,
                info != null ? null : backend.server().pullCommand(target.name()),
                backend.server().name(),
                info == null ? null : info.family(),
                info == null ? null : info.parameterSize(),
                info == null ? null : info.quantizationLevel(),
                info == null ? null : info.contextLength(),
                info == null ? null : info.sizeBytes(),
                info != null && listing.isLoaded(backend, target.name()),
                allowed,
                gateway.profile(name),
                null);
    }

    /** The listing's facts with what only the model's details tell (its context length). */
    private ChatBackend.ModelInfo withDetails(
            ChatBackend backend, String name, ChatBackend.ModelInfo listed) {
        if (listed.contextLength() != null) {
            return listed;
        }
        Optional<ChatBackend.ModelInfo> shown =
                details.get(
                        backend.server().name() + "\u0000" + listed.name(),
                        key -> {
                            try {
                                return backend.details(listed.name());
                            } catch (ModelUnavailableException e) {
                                return Optional.empty();
                            }
                        });
        return shown.map(s -> listed.withContextLength(s.contextLength())).orElse(listed);
    }

    private Listing listing(ChatBackend backend) {
        return listings.get(
                backend.server().name(),
                key -> {
                    try {
                        List<ChatBackend.ModelInfo> models = backend.models();
                        Set<String> loaded;
                        try {
                            loaded = backend.loaded();
                        } catch (ModelUnavailableException e) {
                            loaded = Set.of();
                        }
                        return new Listing(models, loaded, null);
                    } catch (ModelUnavailableException e) {
                        return new Listing(List.of(), Set.of(), e.getMessage());
                    }
                });
    }

    /** Forgets what the backends said, after a model was pulled, created or deleted. */
    void forget() {
        listings.invalidateAll();
        details.invalidateAll();
    }
}
