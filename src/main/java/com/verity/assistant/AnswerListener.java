package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import java.util.List;

/**
 * Follows an answer as it is made: the passages first, then each token, then the citations; an
 * escalation in between starts the tokens again.
 */
public interface AnswerListener {

    AnswerListener NONE = new AnswerListener() {};

    default void onPassages(List<RetrievedPassage> passages) {}

    default void onToken(String token) {}

    default void onCitations(List<Citation> citations) {}

    /**
     * The answer streamed so far failed its check and {@code model} answers again: what was
     * streamed is to be discarded, and the new answer's tokens follow.
     */
    default void onEscalation(String model, String reason) {}
}
