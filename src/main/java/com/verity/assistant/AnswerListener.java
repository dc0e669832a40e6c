package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import java.util.List;

/** Follows an answer as it is made: the passages first, then each token, then the citations. */
public interface AnswerListener {

    AnswerListener NONE = new AnswerListener() {};

    default void onPassages(List<RetrievedPassage> passages) {}

    default void onToken(String token) {}

    default void onCitations(List<Citation> citations) {}
}
