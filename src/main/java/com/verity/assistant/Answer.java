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
 * @param attempts every model call the answer took, first model first (empty when no model was
 *     called)
 * @param escalated whether the escalation model was asked (the answer is its, or the turn is
 *     NEEDS_REVIEW after it was tried)
 * @param verified the verified answer served (mode VERIFIED only)
 * @param usage the tokens its model calls took
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
        Integer turn,
        List<Attempt> attempts,
        boolean escalated,
        @JsonInclude(JsonInclude.Include.NON_NULL) Verified verified,
        @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {

    /**
     * The tokens the model server counted for the answer, every model call of it together (absent
     * when no model was called or the server counts none).
     */
    public record Usage(int promptTokens, int completionTokens) {}

    /**
     * One model call of the answer.
     *
     * @param unsupported the sentences its check found unsupported
     */
    public record Attempt(String model, AnswerMode mode, int unsupported, long totalMs) {}

    /**
     * The verified answer a VERIFIED answer is, labelled with who wrote it and when.
     *
     * @param question the question it was written for
     * @param similarity how close the asked question is to that one (cosine of their embeddings)
     */
    public record Verified(
            java.util.UUID id,
            String question,
            String author,
            java.time.Instant publishedAt,
            double similarity) {}

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
                null,
                List.of(),
                false,
                null,
                null);
    }

    /** The model could not answer (down, busy, missing): the passages instead, and why. */
    static Answer passagesOnly(
            Asked asked,
            String model,
            List<RetrievedPassage> passages,
            Timings timings,
            String why,
            List<Attempt> attempts) {
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
                null,
                attempts,
                false,
                null,
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
            Timings timings,
            List<Attempt> attempts,
            boolean escalated) {
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
                switch (mode) {
                    case NOT_FOUND -> "The passages found do not answer this question.";
                    case NEEDS_REVIEW ->
                            "This answer could not be verified against the sources: parts of it"
                                    + " may be wrong. It has been sent to the editors for review.";
                    default -> null;
                },
                checked.unsupported(),
                null,
                attempts,
                escalated,
                null,
                null);
    }

    /** An editor's verified answer to a close enough question: no model was called. */
    static Answer verified(
            Asked asked,
            String text,
            List<Citation> citations,
            List<RetrievedPassage> passages,
            Timings timings,
            Verified verified) {
        return new Answer(
                text,
                AnswerMode.VERIFIED,
                citations,
                passages,
                asked.conversationId(),
                null,
                asked.promptVersion(),
                timings,
                asked.standaloneQuestion(),
                "A verified answer by %s, published %s."
                        .formatted(
                                verified.author(),
                                java.time.LocalDate.ofInstant(
                                        verified.publishedAt(), java.time.ZoneOffset.UTC)),
                List.of(),
                null,
                List.of(),
                false,
                verified,
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
                number,
                attempts,
                escalated,
                verified,
                usage);
    }

    Answer withUsage(Usage counted) {
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
                turn,
                attempts,
                escalated,
                verified,
                counted);
    }
}
