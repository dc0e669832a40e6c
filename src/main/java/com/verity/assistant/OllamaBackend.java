package com.verity.assistant;

import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaModelCard;
import dev.langchain4j.model.ollama.OllamaModelDetails;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.ollama.RunningOllamaModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ollama through LangChain4j: answers streamed token by token, short completions, and what Ollama
 * says of its models ({@code /api/tags}, {@code /api/show}, {@code /api/ps}). Every request carries
 * its model and its profile explicitly: temperature, top-p, context window ({@code num_ctx}),
 * answer length and keep-alive. Pulling, creating and deleting models is {@link
 * OllamaManagement}'s.
 */
class OllamaBackend extends LangChainBackend {

    private final ModelServer server;
    private final OllamaModels models;

    OllamaBackend(AssistantProperties.Ollama ollama) {
        super(
                ModelServer.ollama(ollama.baseUrl()),
                OllamaStreamingChatModel.builder()
                        .baseUrl(ollama.baseUrl())
                        .httpClientBuilder(http(ollama, ollama.totalTimeout()))
                        .timeout(ollama.totalTimeout())
                        .build(),
                OllamaChatModel.builder()
                        .baseUrl(ollama.baseUrl())
                        .httpClientBuilder(http(ollama, ollama.firstTokenTimeout()))
                        .timeout(ollama.firstTokenTimeout())
                        .maxRetries(0)
                        .build(),
                ollama.firstTokenTimeout(),
                ollama.totalTimeout());
        this.server = server();
        Duration listing = ollama.connectTimeout().multipliedBy(2);
        this.models =
                OllamaModels.builder()
                        .baseUrl(ollama.baseUrl())
                        .httpClientBuilder(http(ollama, listing))
                        .timeout(listing)
                        .maxRetries(0)
                        .build();
    }

    private static JdkHttpClientBuilder http(AssistantProperties.Ollama ollama, Duration read) {
        return new JdkHttpClientBuilder().connectTimeout(ollama.connectTimeout()).readTimeout(read);
    }

    /** Whether {@code model} (e.g. "mistral") is among Ollama's names (e.g. "mistral:latest"). */
    static boolean isPulled(String model, List<String> pulled) {
        return pulled.contains(fullName(model)) || pulled.contains(model);
    }

    /** A name as Ollama reads it: without a tag it means {@code :latest}. */
    static String fullName(String model) {
        String last = model.substring(model.lastIndexOf('/') + 1);
        return last.contains(":") ? model : model + ":latest";
    }

    @Override
    public List<ModelInfo> models() {
        try {
            return models.availableModels().content().stream()
                    .map(m -> info(m.getName(), m.getDetails(), null, m.getSize()))
                    .toList();
        } catch (RuntimeException e) {
            throw ModelUnavailableException.classify(e, "", server);
        }
    }

    @Override
    public Optional<ModelInfo> details(String model) {
        try {
            OllamaModelCard card = models.modelCard(model).content();
            return Optional.of(info(model, card.getDetails(), contextLength(card), null));
        } catch (RuntimeException e) {
            ModelUnavailableException problem =
                    ModelUnavailableException.classify(e, model, server);
            if (problem.reason() == ModelUnavailableException.Reason.NOT_PULLED) {
                return Optional.empty();
            }
            throw problem;
        }
    }

    @Override
    public Set<String> loaded() {
        try {
            return models.runningModels().content().stream()
                    .map(RunningOllamaModel::getName)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (RuntimeException e) {
            throw ModelUnavailableException.classify(e, "", server);
        }
    }

    /** The model's own context length, {@code <architecture>.context_length} in its model info. */
    private static Integer contextLength(OllamaModelCard card) {
        Map<String, Object> info = card.getModelInfo();
        if (info == null) {
            return null;
        }
        Object architecture = info.get("general.architecture");
        Object length = info.get(architecture + ".context_length");
        return length instanceof Number n ? n.intValue() : null;
    }

    private static ModelInfo info(
            String name, OllamaModelDetails details, Integer contextLength, Long size) {
        return new ModelInfo(
                name,
                details == null ? null : details.getFamily(),
                details == null ? null : details.getParameterSize(),
                details == null ? null : details.getQuantizationLevel(),
                contextLength,
                size);
    }

    @Override
    OllamaChatRequestParameters parameters(String model, ModelProfile profile) {
        return OllamaChatRequestParameters.builder()
                .modelName(model)
                .temperature(profile.temperature())
                .topP(profile.topP())
                .numCtx(profile.numCtx())
                .maxOutputTokens(profile.numPredict())
                .keepAlive(profile.keepAlive())
                .build();
    }

    /** Ollama's names of the models it lists (e.g. mistral:latest). */
    List<String> pulledNames() {
        return models().stream().map(ModelInfo::name).toList();
    }

    /** Deletes a model from Ollama (its {@code /api/delete}). */
    void delete(String model) {
        try {
            models.deleteModel(model);
        } catch (RuntimeException e) {
            throw ModelUnavailableException.classify(e, model, server);
        }
    }
}
