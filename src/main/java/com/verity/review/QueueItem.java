package com.verity.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.verity.assistant.AnswerMode;
import com.verity.assistant.QueuedTurn;
import com.verity.retrieval.RetrievedPassage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One item of {@code GET /api/review-queue}: a turn (reason ESCALATED, RATED_DOWN or NOT_FOUND,
 * with {@code id} the turn's id) or a suspended verified answer (reason SUSPENDED, with {@code
 * verifiedAnswerId}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueItem(
        String reason,
        Long id,
        UUID verifiedAnswerId,
        String collection,
        String question,
        String standaloneQuestion,
        String answer,
        AnswerMode mode,
        String model,
        List<Map<String, Object>> attempts,
        List<RetrievedPassage> passages,
        Integer rating,
        String ratingComment,
        String suspendedReason,
        UUID conversationId,
        Integer turn,
        Instant createdAt) {

    static QueueItem of(QueuedTurn t) {
        return new QueueItem(
                t.reason(),
                t.id(),
                null,
                t.collection(),
                t.question(),
                t.standaloneQuestion(),
                t.answer(),
                t.mode(),
                t.model(),
                t.attempts(),
                t.passages(),
                t.rating(),
                t.ratingComment(),
                null,
                t.conversationId(),
                t.turn(),
                t.createdAt());
    }

    static QueueItem of(VerifiedAnswer v) {
        return new QueueItem(
                "SUSPENDED",
                null,
                v.id(),
                v.collection(),
                v.question(),
                null,
                v.answer(),
                null,
                null,
                null,
                null,
                null,
                null,
                v.suspendedReason(),
                null,
                null,
                v.updatedAt());
    }
}
