package com.verity.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.verity.retrieval.RetrievedPassage;
import java.util.List;
import java.util.UUID;

/**
 * The answer to one question, as returned by {@code POST /api/ask} and the stream's {@code done}
 * event, and as recorded in the conversation.
 *
 * @param answer the answer text with its [n] markers (null when no answer was generated)
 * @param model the model that answered (null when none was called)
 * @param passages the passages the answer was drawn from (or shown instead of one), numbered from 1
 *     in this order
 * @param standaloneQuestion the follow-up rewritten to stand on its own (null for a first question)
 * @param notice why there is no generated answer, in words for the agent (null when answered)
 * @param unsupported answer sentences that cite nothing or what their sources do not say
 * @param turn the answer's number in its conversation (1 for the first), to rate it by
 */
public record Answer(
        String answer,
        AnswerMode mode,
        List<Citation> citations,
        List<RetrievedPassage> passages,
        UUID conversationId,
        String model,
        String promptVersion,
        Timings timings,
        @JsonInclude(JsonInclude.Include.NON_NULL) String standaloneQuestion,
        @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
        List<UnsupportedSentence> unsupported,
        Integer turn) {

    Answer withTurn(int number) {
        return new Answer(
                answer,
                mode,
                citations,
                passages,
                conversationId,
                model,
                promptVersion,
                timings,
                standaloneQuestion,
                notice,
                unsupported,
                number);
    }
}
