package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import com.verity.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds an editor's verified answer for a question before any search or model call; implemented by
 * the review module (docs/review.md). Only an active answer whose cited documents the caller may
 * all read, at the versions it was written against, is served.
 */
public interface VerifiedAnswerLookup {

    /**
     * A verified answer close enough to a question.
     *
     * @param passages the cited passages, numbered from 1 in the order of the answer's [n] markers
     * @param similarity the cosine similarity of the two questions' embeddings
     */
    record Match(
            UUID id,
            String question,
            String answer,
            List<Citation> citations,
            List<RetrievedPassage> passages,
            String author,
            Instant publishedAt,
            double similarity) {}

    /** The closest active verified answer at {@code threshold} or above, counted as a hit. */
    Optional<Match> match(long collectionId, String question, double threshold, Caller caller);
}
