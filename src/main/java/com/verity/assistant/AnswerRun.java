package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import java.util.List;

/**
 * One answer as an evaluation sees it: what the agent would have got, and what it was made from.
 *
 * @param answer the answer as {@code /api/ask} returns it (no turn number: nothing is recorded)
 * @param retrieved every passage the search returned, best first, before the prompt was fitted
 * @param rawOutput what the model wrote, before the citation check removed invalid markers (null
 *     when no model was called)
 * @param rawCited the passage numbers the raw output cites (named markers like "[Passage 2]" read
 *     as [2]), valid or not, in order of first appearance
 * @param given how many passages the model was given (its valid citations are 1 to this)
 * @param claims the answer's sentences that state something, which the check looked at
 * @param promptTokens the model's own count of the prompt (null when unknown or not called)
 * @param completionTokens the model's own count of the answer (null when unknown or not called)
 * @param slotWaitMs how long the answer waited for a free generation slot before the model call
 *     (part of its total time, but set by the other work in line, not by the model)
 */
public record AnswerRun(
        Answer answer,
        List<RetrievedPassage> retrieved,
        String rawOutput,
        List<Integer> rawCited,
        int given,
        int claims,
        Integer promptTokens,
        Integer completionTokens,
        long slotWaitMs) {}
