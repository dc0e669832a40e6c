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

    /**
     * What every answer to one question shares, whatever its mode.
     *
     * @param conversationId the conversation it belongs to
     * @param promptVersion the prompt versions it was (or would have been) made with
     * @param standaloneQuestion the follow-up rewritten to stand on its own (null for a first one)
     */
    record Asked(UUID conversationId, String promptVersion, String standaloneQuestion) {}

    /** No passage relevant enough: the decline sentence, and the passages that came closest. */
    static Answer nothingRelevant(
            Asked asked, String sentence, List<RetrievedPassage> passages, Timings timings) {
        return new Answer(
                sentence,
                AnswerMode.NOT_FOUND,
                List.of(),
                passages,
                asked.conversationId(),
                null,
                asked.promptVersion(),
                timings,
                asked.standaloneQuestion(),
                "Nothing in the knowledge base is relevant enough to answer this question; it was"
                        + " recorded for the admins.",
                List.of(),
                null);
    }

    /** The model could not answer (down, busy, missing): the passages instead, and why. */
    static Answer passagesOnly(
            Asked asked,
            String model,
            List<RetrievedPassage> passages,
            Timings timings,
            String why) {
        return new Answer(
                null,
                AnswerMode.PASSAGES_ONLY,
                List.of(),
                passages,
                asked.conversationId(),
                model,
                asked.promptVersion(),
                timings,
                asked.standaloneQuestion(),
                why + " Here are the most relevant passages instead.",
                List.of(),
                null);
    }

    /**
     * What the model wrote, checked: ANSWERED, or NOT_FOUND when it declined ({@link
     * NotFound#modeOf}).
     */
    static Answer generated(
            Asked asked,
            String model,
            AnswerMode mode,
            CitationChecker.Checked checked,
            List<RetrievedPassage> given,
            Timings timings) {
        return new Answer(
                checked.answer(),
                mode,
                checked.citations(),
                given,
                asked.conversationId(),
                model,
                asked.promptVersion(),
                timings,
                asked.standaloneQuestion(),
                mode == AnswerMode.NOT_FOUND
                        ? "The passages found do not answer this question."
                        : null,
                checked.unsupported(),
                null);
    }

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
