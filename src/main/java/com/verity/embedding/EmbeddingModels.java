package com.verity.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Every embedding model the service may need, by the name recorded on an index generation: the
 * configured one, and the one an older generation was built with while it still serves searches
 * during a re-index. The module's public facade beside {@link Embedder}.
 *
 * <p>Model names: {@code bge-small-en-v1.5-q} and {@code all-minilm-l6-v2-q} (in-process, shipped
 * in the jar) and {@code ollama:<model>} (served by the Ollama at
 * verity.embedding.ollama.base-url). An in-process model is loaded once and shared by every
 * executor that embeds with it.
 */
public class EmbeddingModels {

    static final String OLLAMA_PREFIX = "ollama:";
    private static final String NO_PREFIX = "none";

    private final EmbeddingProperties properties;
    private final Executor defaultExecutor;
    private final HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();
    private final Map<EmbeddingProperties.OnnxModel, OnnxBertBiEncoder> encoders =
            new ConcurrentHashMap<>();
    private final Map<String, Embedder> embedders = new ConcurrentHashMap<>();

    EmbeddingModels(EmbeddingProperties properties, Executor defaultExecutor) {
        this.properties = properties;
        this.defaultExecutor = defaultExecutor;
    }

    /** The name of the model verity.embedding configures: new index generations use it. */
    public String configuredModelId() {
        return switch (properties.provider()) {
            case ONNX -> properties.onnxModel().id;
            case OLLAMA -> OLLAMA_PREFIX + properties.ollama().model();
        };
    }

    public Embedder configured() {
        return forModel(configuredModelId());
    }

    /** The named model, embedding a call's passages side by side on the service's threads. */
    public Embedder forModel(String modelId) {
        return forModel(modelId, defaultExecutor);
    }

    /**
     * The named model on threads of the caller's choosing: background work passes a small executor
     * so that it leaves cores to live questions.
     */
    public Embedder forModel(String modelId, Executor executor) {
        String key = modelId + "@" + System.identityHashCode(executor);
        return embedders.computeIfAbsent(key, k -> create(modelId, executor));
    }

    private Embedder create(String modelId, Executor executor) {
        if (modelId.startsWith(OLLAMA_PREFIX)) {
            return ollama(modelId.substring(OLLAMA_PREFIX.length()));
        }
        EmbeddingProperties.OnnxModel choice =
                Arrays.stream(EmbeddingProperties.OnnxModel.values())
                        .filter(m -> m.id.equals(modelId))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                ("Unknown embedding model '%s': this build knows"
                                                                + " %s and ollama:<model>.")
                                                        .formatted(
                                                                modelId,
                                                                Arrays.stream(
                                                                                EmbeddingProperties
                                                                                        .OnnxModel
                                                                                        .values())
                                                                        .map(m -> m.id)
                                                                        .toList())));
        OnnxBertBiEncoder encoder =
                encoders.computeIfAbsent(
                        choice,
                        c ->
                                InProcessEmbeddingModel.load(
                                        bundled(c), properties.onnxThreadsPerCall()));
        return new LangChainEmbedder(
                choice.id,
                new InProcessEmbeddingModel(encoder, executor),
                tokens,
                queryPrefix(choice.recommendedQueryPrefix),
                properties.batchSize(),
                choice.languages);
    }

    private static InProcessEmbeddingModel.Bundled bundled(EmbeddingProperties.OnnxModel model) {
        return switch (model) {
            case BGE_SMALL_EN_V15_Q -> InProcessEmbeddingModel.Bundled.BGE_SMALL_EN_V15_Q;
            case ALL_MINILM_L6_V2_Q -> InProcessEmbeddingModel.Bundled.ALL_MINILM_L6_V2_Q;
        };
    }

    private Embedder ollama(String model) {
        EmbeddingProperties.Ollama ollama = properties.ollama();
        EmbeddingModel client =
                OllamaEmbeddingModel.builder()
                        .baseUrl(ollama.baseUrl())
                        .modelName(model)
                        .timeout(ollama.timeout())
                        .maxRetries(2)
                        .build();
        try {
            return new LangChainEmbedder(
                    OLLAMA_PREFIX + model,
                    client,
                    tokens,
                    queryPrefix(""),
                    properties.batchSize(),
                    Set.copyOf(ollama.languages()));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot reach the Ollama embedding model '%s' at %s: %s. Start Ollama and run"
                                    .formatted(model, ollama.baseUrl(), e.getMessage())
                            + " 'ollama pull %s', or set verity.embedding.provider=onnx."
                                    .formatted(model),
                    e);
        }
    }

    private String queryPrefix(String recommended) {
        String configured = properties.queryPrefix();
        if (configured == null || configured.isBlank()) {
            return recommended;
        }
        return NO_PREFIX.equals(configured.strip()) ? "" : configured;
    }
}
