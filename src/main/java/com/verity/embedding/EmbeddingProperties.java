package com.verity.embedding;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which embedding model turns passages and questions into vectors.
 *
 * @param provider {@code onnx} (in-process, shipped in the jar) or {@code ollama}
 * @param onnxModel the in-process model when the provider is onnx
 * @param queryPrefix text put before a question when it is embedded (blank: the model's own
 *     recommendation, e.g. bge's retrieval instruction; "none" for no prefix)
 * @param batchSize passages embedded per call
 * @param threads threads that embed in parallel (0: one per core)
 * @param onnxThreadsPerCall threads ONNX Runtime uses inside one in-process embedding call; the
 *     default 1 leaves the parallelism to {@code threads}, which is much faster than letting both
 *     compete for the cores
 * @param ollama where Ollama runs and which embedding model it serves
 */
@Validated
@ConfigurationProperties("verity.embedding")
public record EmbeddingProperties(
        @DefaultValue("onnx") @NotNull Provider provider,
        @DefaultValue("bge-small-en-v15-q") @NotNull OnnxModel onnxModel,
        String queryPrefix,
        @DefaultValue("32") @Min(1) int batchSize,
        @DefaultValue("0") @Min(0) int threads,
        @DefaultValue("1") @Min(1) int onnxThreadsPerCall,
        @DefaultValue @Valid Ollama ollama) {

    public enum Provider {
        ONNX,
        OLLAMA
    }

    public enum OnnxModel {
        BGE_SMALL_EN_V15_Q(
                "bge-small-en-v1.5-q",
                "Represent this sentence for searching relevant passages: ",
                Set.of("en")),
        ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "", Set.of("en"));

        final String id;
        final String recommendedQueryPrefix;

        /** Both bundled models were trained on English text only. */
        final Set<String> languages;

        OnnxModel(String id, String recommendedQueryPrefix, Set<String> languages) {
            this.id = id;
            this.recommendedQueryPrefix = recommendedQueryPrefix;
            this.languages = languages;
        }
    }

    /**
     * @param languages the languages (ISO 639-1) the Ollama model was trained for; {@code *} for a
     *     multilingual model such as {@code bge-m3}. The default model, nomic-embed-text, is
     *     English.
     */
    public record Ollama(
            @DefaultValue("http://localhost:11434") @NotBlank String baseUrl,
            @DefaultValue("nomic-embed-text") @NotBlank String model,
            @DefaultValue("60s") Duration timeout,
            @DefaultValue("en") List<String> languages) {}
}
