package com.verity.assistant;

import java.time.Instant;
import java.util.UUID;

/**
 * A question the knowledge base could not answer, for admins to fill the gap.
 *
 * @param bestSimilarity the similarity of the closest passage found (null: nothing was found)
 */
public record ContentGap(
        long id,
        String collection,
        String question,
        Double bestSimilarity,
        UUID conversationId,
        Instant createdAt) {}
