package com.verity.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An {@link Embedder} over any LangChain4j embedding model, in batches. */
class LangChainEmbedder implements Embedder {

    private final String modelId;
    private final EmbeddingModel model;
    private final TokenCountEstimator tokens;
    private final String queryPrefix;
    private final int batchSize;
    private final int dimension;
    private final Set<String> languages;

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
        return model.embed(queryPrefix + question).content().vector();
    }

    @Override
    public int countTokens(String text) {
        return tokens.estimateTokenCountInText(text);
    }
}
