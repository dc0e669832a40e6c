package com.verity.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.verity.assistant.Citation;
import java.util.List;
import java.util.Map;

/**
 * One question answered by one model in an evaluation, as checkpointed and as {@code GET
 * /api/evaluations/{id}/items} shows it.
 *
 * @param mode ANSWERED, NOT_FOUND or PASSAGES_ONLY, as {@code /api/ask} would have answered
 * @param answer the checked answer the agent would have seen (null for PASSAGES_ONLY)
 * @param rawOutput what the model wrote, before the citation check (null when it was not called)
 * @param citations the citations kept by the check
 * @param retrievedDocuments the file names of the retrieved passages' documents, best first, each
 *     once
 * @param metrics this question's values of the {@link Metric}s that apply to it, with the number of
 *     checked sentences ({@code claims}) and judged claims ({@code judgedClaims})
 * @param totalMs from the question to the checked answer, without the wait for a free generation
 *     slot (which the evaluation's share and the live questions decide, not the model)
 * @param judge what the judge model said, when there was one
 */
public record ItemResult(
        String mode,
        String answer,
        String rawOutput,
        List<Citation> citations,
        @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
        List<String> retrievedDocuments,
        Map<String, Double> metrics,
        Long firstTokenMs,
        Long generationMs,
        long totalMs,
        Integer promptTokens,
        Integer completionTokens,
        @JsonInclude(JsonInclude.Include.NON_NULL) Judgement judge) {

    /**
     * A judge model's replies, with the prompt versions that asked for them.
     *
     * @param error why a reply could not be had or read (null when both were)
     */
    public record Judgement(
            String model,
            String faithfulnessPrompt,
            String faithfulnessReply,
            String relevancePrompt,
            String relevanceReply,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}

    /** This result's value of one metric, by its name in the API; null when it does not apply. */
    public Double metric(String key) {
        return metrics.get(key);
    }

    Double metric(Metric metric) {
        return metrics.get(metric.key());
    }
}
