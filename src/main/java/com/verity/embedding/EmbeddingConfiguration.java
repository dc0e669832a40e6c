package com.verity.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingConfiguration.class);
    private static final String NO_PREFIX = "none";

    @Bean(destroyMethod = "shutdown")
    ExecutorService embeddingExecutor(EmbeddingProperties properties) {
        int threads =
                properties.threads() > 0
                        ? properties.threads()
                        : Runtime.getRuntime().availableProcessors();
        return Executors.newFixedThreadPool(threads, daemonThreads("embed-"));
    }

    static CustomizableThreadFactory daemonThreads(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }

    @Bean
    Embedder embedder(EmbeddingProperties properties, ExecutorService embeddingExecutor) {
        // The tokenizer of BERT-family models (bge, MiniLM share its WordPiece vocabulary); for
        // Ollama models it is an estimate that errs on the side of smaller passages.
        HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();
        Embedder embedder =
                switch (properties.provider()) {
                    case ONNX -> onnx(properties, embeddingExecutor, tokens);
                    case OLLAMA -> ollama(properties, tokens);
                };
        log.info("Embedding model {} ({} dimensions)", embedder.modelId(), embedder.dimension());
        return embedder;
    }

    private static Embedder onnx(
            EmbeddingProperties properties,
            ExecutorService executor,
            HuggingFaceTokenCountEstimator tokens) {
        EmbeddingProperties.OnnxModel choice = properties.onnxModel();
        EmbeddingModel model =
                switch (choice) {
                    case BGE_SMALL_EN_V15_Q ->
                            new InProcessEmbeddingModel(
                                    InProcessEmbeddingModel.Bundled.BGE_SMALL_EN_V15_Q,
                                    executor,
                                    properties.onnxThreadsPerCall());
                    case ALL_MINILM_L6_V2_Q ->
                            new InProcessEmbeddingModel(
                                    InProcessEmbeddingModel.Bundled.ALL_MINILM_L6_V2_Q,
                                    executor,
                                    properties.onnxThreadsPerCall());
                };
        return new LangChainEmbedder(
                choice.id,
                model,
                tokens,
                queryPrefix(properties, choice.recommendedQueryPrefix),
                properties.batchSize());
    }

    private static Embedder ollama(
            EmbeddingProperties properties, HuggingFaceTokenCountEstimator tokens) {
        EmbeddingProperties.Ollama ollama = properties.ollama();
        EmbeddingModel model =
                OllamaEmbeddingModel.builder()
                        .baseUrl(ollama.baseUrl())
                        .modelName(ollama.model())
                        .timeout(ollama.timeout())
                        .maxRetries(2)
                        .build();
        try {
            return new LangChainEmbedder(
                    "ollama:" + ollama.model(),
                    model,
                    tokens,
                    queryPrefix(properties, ""),
                    properties.batchSize());
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot reach the Ollama embedding model '%s' at %s: %s. Start Ollama and run"
                                    .formatted(ollama.model(), ollama.baseUrl(), e.getMessage())
                            + " 'ollama pull %s', or set verity.embedding.provider=onnx."
                                    .formatted(ollama.model()),
                    e);
        }
    }

    private static String queryPrefix(EmbeddingProperties properties, String recommended) {
        String configured = properties.queryPrefix();
        if (configured == null || configured.isBlank()) {
            return recommended;
        }
        return NO_PREFIX.equals(configured.strip()) ? "" : configured;
    }
}
