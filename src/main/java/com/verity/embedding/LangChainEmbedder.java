package com.verity.embedding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@link Embedder} over any LangChain4j embedding model, in batches. A question's vector is kept
 * for a few minutes: one question is embedded once whether a verified answer is looked up first and
 * then the passages, a follow-up is asked again, or an evaluation repeats it for another model.
 */
class LangChainEmbedder implements Embedder {

    private final String modelId;
    private final EmbeddingModel model;
    private final TokenCountEstimator tokens;
    private final String queryPrefix;
    private final int batchSize;
    private final int dimension;
    private final Set<String> languages;
    private final Cache<String, float[]> questions =
            Caffeine.newBuilder()
                    .maximumSize(2000)
                    .expireAfterWrite(Duration.ofMinutes(10))
                    .build();

    LangChainEmbedder(
            String modelId,
            EmbeddingModel model,
            TokenCountEstimator tokens,
            String queryPrefix,
            int batchSize,
            Set<String> languages) {
        this.languages = Set.copyOf(languages);
        this.modelId = modelId;
        this.model = model;
        this.tokens = tokens;
        this.queryPrefix = queryPrefix;
        this.batchSize = batchSize;
        this.dimension = model.dimension();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public Set<String> languages() {
        return languages;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<TextSegment> batch =
                    texts.subList(from, Math.min(texts.size(), from + batchSize)).stream()
                            .map(TextSegment::from)
                            .toList();
            for (Embedding embedding : model.embedAll(batch).content()) {
                vectors.add(embedding.vector());
            }
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String question) {
        return questions
                .get(question, q -> model.embed(queryPrefix + q).content().vector())
                .clone();
    }

    @Override
    public int countTokens(String text) {
        return tokens.estimateTokenCountInText(text);
    }
}
