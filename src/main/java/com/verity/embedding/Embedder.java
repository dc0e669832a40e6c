package com.verity.embedding;

import java.util.List;
import java.util.Set;

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

    /** Stands in {@link #languages()} for a model trained on text of every language. */
    String EVERY_LANGUAGE = "*";

    /**
     * The languages (ISO 639-1) the model was trained for: its vectors of text in other languages
     * say little, and search leans on the per-language keyword side for them.
     */
    default Set<String> languages() {
        return Set.of(EVERY_LANGUAGE);
    }

    /** Whether the model was trained for text in that language (ISO 639-1). */
    default boolean covers(String language) {
        return languages().contains(EVERY_LANGUAGE) || languages().contains(language);
    }
}
