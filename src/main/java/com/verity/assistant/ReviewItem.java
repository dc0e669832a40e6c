package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An answer for admins to review (a content gap, or an answer rated down): the question, what was
 * retrieved, and what was answered, so the documents can be fixed.
 */
public record ReviewItem(
        UUID conversationId,
        int turn,
        String question,
        String standaloneQuestion,
        AnswerMode mode,
        String answer,
        List<RetrievedPassage> passages,
        Integer rating,
        String ratingComment,
        Instant createdAt) {}
