package com.verity.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.verity.retrieval.RetrievedPassage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A turn in the review queue ({@code GET /api/review-queue}): what was asked, what was answered and
 * from which passages, and why it is there.
 *
 * @param id the turn's id, to dismiss it or answer it with a verified answer
 * @param reason ESCALATED (a NEEDS_REVIEW turn), RATED_DOWN or NOT_FOUND
 * @param attempts every model call of the turn: model, mode, answer, unsupported sentences, timings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueuedTurn(
        long id,
        String reason,
        String collection,
        UUID conversationId,
        int turn,
        String question,
        String standaloneQuestion,
        AnswerMode mode,
        String answer,
        String model,
        List<Map<String, Object>> attempts,
        List<RetrievedPassage> passages,
        Integer rating,
        String ratingComment,
        Instant createdAt) {

    /** The question as it stands alone: what a verified answer for it is matched against. */
    public String standalone() {
        return standaloneQuestion != null ? standaloneQuestion : question;
    }
}
