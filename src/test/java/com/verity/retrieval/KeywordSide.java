package com.verity.retrieval;

import com.verity.embedding.Embedder;
import java.util.List;

/** The full-text side of a search alone: the vector ranking weighs nothing in the fusion. */
final class KeywordSide {

    private KeywordSide() {}

    /**
     * The top 10 passages any reader may read that the keyword side scored, best first, scoring at
     * most {@code matchLimit} passages.
     */
    static List<RetrievedPassage> top10(
            HybridSearch search,
            Embedder embedder,
            long collectionId,
            int generation,
            String question,
            int matchBudget,
            int matchLimit) {
        return search
                .search(
                        new HybridSearch.Query(
                                collectionId,
                                generation,
                                new String[] {"*"},
                                false,
                                question,
                                () -> embedder.embedQuery(question),
                                10,
                                10,
                                60,
                                0.0,
                                1.0,
                                0.3,
                                matchBudget,
                                matchLimit,
                                100))
                .stream()
                .filter(passage -> passage.score() > 0)
                .toList();
    }
}
