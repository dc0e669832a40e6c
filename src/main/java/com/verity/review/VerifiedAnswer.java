package com.verity.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.verity.assistant.Citation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An editor's verified answer, as {@code /api/verified-answers} shows it.
 *
 * @param answer the answer with [n] markers referring to {@code citations} in order
 * @param status ACTIVE (served) or SUSPENDED (a cited document changed or went; neither served nor
 *     exported)
 * @param hits how many questions it answered
 * @param sourceTurn the review queue's turn it was written for (null when written from scratch)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifiedAnswer(
        UUID id,
        String collection,
        String question,
        String answer,
        List<Citation> citations,
        String status,
        String suspendedReason,
        long hits,
        Instant lastHitAt,
        Long sourceTurn,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {}
