package com.verity.assistant;

import com.verity.embedding.Embedder;
import java.util.List;
import java.util.Random;

/**
 * A stand-in embedding model for unit tests: each distinct text gets its own pseudo-random unit
 * vector, so different texts are (nearly) unrelated by meaning and only shared words can support a
 * claim; tokens are counted as words.
 */
final class HashingEmbedder implements Embedder {

    @Override
    public String modelId() {
        return "hashing";
    }

    @Override
    public int dimension() {
        return 64;
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        return texts.stream().map(HashingEmbedder::vector).toList();
    }

    @Override
    public float[] embedQuery(String question) {
        return vector(question);
    }

    @Override
    public int countTokens(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private static float[] vector(String text) {
        Random random = new Random(text.hashCode());
        float[] vector = new float[64];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }
}
