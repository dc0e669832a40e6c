package com.verity.assistant;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How a collection's questions went over the last days: questions per day, answers by mode, latency
 * percentiles of whole answers, and ratings.
 *
 * @param latencyMs percentiles (p50, p95, p99) of {@code totalMs} of answers that called a model
 */
public record Insight(
        String collection,
        int days,
        List<Day> questionsPerDay,
        Map<AnswerMode, Long> modes,
        Map<String, Double> latencyMs,
        long ratedUp,
        long ratedDown) {

    /** Questions asked on one day (UTC). */
    public record Day(LocalDate day, long questions) {}
}
