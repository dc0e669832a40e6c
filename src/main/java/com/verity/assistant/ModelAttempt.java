package com.verity.assistant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model call of an answer and its checked result: the first model's, and the escalation model's
 * when the first failed its check (docs/models.md, "Escalation").
 *
 * @param mode ANSWERED or NOT_FOUND (the model declined), or PASSAGES_ONLY when the model could not
 *     answer ({@code failure} says why)
 * @param checked the citation check's result (null when the model did not answer)
 * @param generation what the model produced (null when it did not answer)
 * @param built the prompt it was given
 * @param firstTokenMs from the model call to its first token (null when it did not answer)
 * @param generationMs the model call, once a slot was held (null when it did not answer)
 * @param totalMs from the question to this attempt's checked answer
 * @param slotWaitMs how long the attempt waited for a generation slot
 */
record ModelAttempt(
        String model,
        AnswerMode mode,
        CitationChecker.Checked checked,
        Generation generation,
        AnswerPrompt.Built built,
        Long firstTokenMs,
        Long generationMs,
        long totalMs,
        long slotWaitMs,
        String failure) {

    /** A model that gave no answer, and why. */
    static ModelAttempt failed(
            String model, AnswerPrompt.Built built, long totalMs, long slotWaitMs, String why) {
        return new ModelAttempt(
                model,
                AnswerMode.PASSAGES_ONLY,
                null,
                null,
                built,
                null,
                null,
                totalMs,
                slotWaitMs,
                why);
    }

    /** The same attempt shown as {@code mode} (NEEDS_REVIEW when no attempt checked out). */
    ModelAttempt withMode(AnswerMode shownAs) {
        return new ModelAttempt(
                model,
                shownAs,
                checked,
                generation,
                built,
                firstTokenMs,
                generationMs,
                totalMs,
                slotWaitMs,
                failure);
    }

    boolean answered() {
        return failure == null;
    }

    int unsupported() {
        return checked == null ? 0 : checked.unsupported().size();
    }

    int claims() {
        return checked == null ? 0 : checked.claims();
    }

    /** The share of the answer's claims the check found unsupported (0 without claims). */
    double unsupportedShare() {
        return claims() == 0 ? (unsupported() > 0 ? 1 : 0) : (double) unsupported() / claims();
    }

    /** As the answer shows it: {@code {"model", "mode", "unsupported", "totalMs"}}. */
    Answer.Attempt view() {
        return new Answer.Attempt(model, mode, unsupported(), totalMs);
    }

    /** As the turn stores it: the view's fields, and the answer, its check and its counts. */
    Map<String, Object> stored() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", model);
        row.put("mode", mode.name());
        row.put("unsupported", unsupported());
        row.put("totalMs", totalMs);
        row.put("answer", checked == null ? null : checked.answer());
        row.put("claims", claims());
        row.put("citations", checked == null ? 0 : checked.citations().size());
        row.put(
                "unsupportedSentences",
                checked == null
                        ? List.of()
                        : checked.unsupported().stream()
                                .map(UnsupportedSentence::sentence)
                                .toList());
        row.put("firstTokenMs", firstTokenMs);
        row.put("generationMs", generationMs);
        row.put("promptTokens", generation == null ? null : generation.promptTokens());
        row.put("answerTokens", generation == null ? null : generation.answerTokens());
        row.put("failure", failure);
        return row;
    }
}
