package com.verity.embedding;

import java.util.List;

/**
 * Turns passages and questions into vectors with the configured model: the module's public facade.
 * Passages and questions may be embedded differently (some models want an instruction before a
 * question), so callers say which one they have.
 */
public interface Embedder {

    /** A stable name of the model, recorded on each index generation. */
    String modelId();

    int dimension();

    List<float[]> embedPassages(List<String> texts);

    float[] embedQuery(String question);

    /** Tokens in a text, by the model's own tokenizer (or a close estimate for remote models). */
    int countTokens(String text);
}
