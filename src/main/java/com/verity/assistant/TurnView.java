package com.verity.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One recorded turn of a conversation: the question, its rewrite, and the answer as given. */
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
        JsonNode citations,
        JsonNode passages,
        JsonNode unsupported,
        Timings timings,
        Instant createdAt) {}
