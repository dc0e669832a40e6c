package com.verity.assistant;

import java.time.LocalDate;

/**
 * What one model cost a collection on one day ({@code GET /api/collections/{c}/usage}): every model
 * call of a live answer counts, the first model's and the escalation model's.
 *
 * @param answers model calls
 * @param generationSeconds time the model spent generating, once it had a slot (GPU-seconds)
 */
public record ModelUsage(
        LocalDate day,
        String model,
        long answers,
        long promptTokens,
        long completionTokens,
        double generationSeconds) {}
