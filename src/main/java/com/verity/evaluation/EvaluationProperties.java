package com.verity.evaluation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How evaluations run and are summarised.
 *
 * @param workers job executions per evaluation; each answers one question at a time, on whichever
 *     instance picked it
 * @param generationShare the share of the answer slots
 *     (verity.assistant.max-concurrent-generations) evaluations may hold at once, at least one;
 *     they take one only while no question waits
 * @param lease how long a worker holds a question before another may take it (renewed while it
 *     works, so only a crashed worker's questions are taken over)
 * @param maxAttempts tries per question before it is recorded as failed
 * @param maxAnswers most questions x models one evaluation may hold
 * @param bootstrapSamples resamples behind every confidence interval and paired test
 * @param seed the resampling seed recorded with each evaluation, so its report is reproducible
 */
@Validated
@ConfigurationProperties("verity.evaluation")
public record EvaluationProperties(
        @DefaultValue("2") @Min(1) @Max(16) int workers,
        @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("1") double generationShare,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("3") @Min(1) int maxAttempts,
        @DefaultValue("20000") @Min(1) int maxAnswers,
        @DefaultValue("2000") @Min(100) int bootstrapSamples,
        @DefaultValue("20261202") long seed) {}
