package com.verity.assistant;

import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An OpenAI-compatible inference server through LangChain4j's OpenAI module: chat completions
 * streamed as server-sent events, and its {@code /models} for what it serves. Such a server loads
 * its models itself: whatever it serves counts as loaded, and it cannot pull or create models.
 * {@code num_ctx} is not sent (the server fixes its context length); it still sizes the prompt.
 */
class OpenAiBackend extends LangChainBackend {

    private final AssistantProperties.Backend backend;
    private final ModelServer server;
    private final OpenAiModelCatalog catalog;

    OpenAiBackend(String name, AssistantProperties.Backend backend) {
        super(
                ModelServer.openAi(name, backend.baseUrl()),
                OpenAiStreamingChatModel.builder()
                        .baseUrl(backend.baseUrl())
                        .apiKey(backend.apiKey())
                        .httpClientBuilder(http(backend, backend.totalTimeout()))
                        .timeout(backend.totalTimeout())
                        .build(),
                OpenAiChatModel.builder()
                        .baseUrl(backend.baseUrl())
                        .apiKey(backend.apiKey())
                        .httpClientBuilder(http(backend, backend.firstTokenTimeout()))
                        .timeout(backend.firstTokenTimeout())
                        .maxRetries(0)
                        .build(),
                backend.firstTokenTimeout(),
                backend.totalTimeout());
        this.backend = backend;
        this.server = server();
        this.catalog =
                OpenAiModelCatalog.builder()
                        .baseUrl(backend.baseUrl())
                        .apiKey(backend.apiKey())
                        .httpClientBuilder(http(backend, backend.connectTimeout().multipliedBy(2)))
                        .build();
    }

    private static JdkHttpClientBuilder http(AssistantProperties.Backend backend, Duration read) {
        return new JdkHttpClientBuilder()
                .connectTimeout(backend.connectTimeout())
                .readTimeout(read);
    }

    @Override
    public List<ModelInfo> models() {
        List<ModelDescription> served;
        try {
            served = catalog.listModels();
        } catch (RuntimeException e) {
            throw ModelUnavailableException.classify(e, "", server);
        }
        return served.stream()
                .filter(m -> backend.models().isEmpty() || backend.models().contains(m.name()))
                .map(m -> new ModelInfo(m.name(), null, null, null, m.maxInputTokens(), null))
                .toList();
    }

    @Override
    public Optional<ModelInfo> details(String model) {
        return models().stream().filter(m -> m.name().equals(model)).findFirst();
    }

    @Override
    public Set<String> loaded() {
        return models().stream().map(ModelInfo::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    OpenAiChatRequestParameters parameters(String model, ModelProfile profile) {
        return OpenAiChatRequestParameters.builder()
                .modelName(model)
                .temperature(profile.temperature())
                .topP(profile.topP())
                .maxOutputTokens(profile.numPredict())
                .build();
    }
}
