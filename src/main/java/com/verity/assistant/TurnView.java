package com.verity.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.verity.retrieval.RetrievedPassage;
import java.time.Instant;
import java.util.List;

/**
 * One recorded turn of a conversation: the question, its rewrite, the answer as given, and how the
 * agent rated it ({@code rating} 1 helpful, -1 not, null unrated).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnView(
        int ordinal,
        String question,
        String standaloneQuestion,
        String answer,
        AnswerMode mode,
        String notice,
        String model,
        String promptVersion,
        List<Citation> citations,
        List<RetrievedPassage> passages,
        List<UnsupportedSentence> unsupported,
        Timings timings,
        Integer rating,
        String ratingComment,
        Instant createdAt) {}
