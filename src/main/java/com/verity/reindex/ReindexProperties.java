package com.verity.reindex;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How re-index jobs run.
 *
 * @param coreShare share of this instance's cores that re-index embedding may use (at least one
 *     core), so live questions keep the rest
 * @param workersPerJob executions a job is split into; each runs on whichever instance picks it, so
 *     up to this many instances share one job
 * @param lease how long a worker holds a document without a renewal; renewed every third of it
 *     while the worker runs, so a crashed worker's document is processed again after at most this
 * @param maxAttempts attempts at one document before it is recorded as failed
 * @param retryBackoff wait before the next attempt at a document after a transient failure, doubled
 *     with each attempt
 * @param maxFailedDocuments documents that are searchable now and fail to re-index that a job
 *     tolerates before it refuses to switch (the current index keeps serving)
 * @param retireDelay how long the replaced generation's passages are kept after a switch, so
 *     searches that started just before it still find them
 * @param schedule cron expression (six fields, seconds first) for a scheduled re-index of every
 *     collection; blank for none
 * @param sampleQueries passages whose own text is searched in the new generation before the switch,
 *     per collection
 * @param sampleMinHitRate share of those searches that must find their document in the top 10
 * @param retireBatch passages deleted per transaction when a generation is retired
 * @param handBackDelay an instance already working on a job hands the job's other executions back
 *     for this long, so that other instances pick them up (a few polling intervals)
 */
@Validated
@ConfigurationProperties("verity.reindex")
public record ReindexProperties(
        @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("1.0") double coreShare,
        @DefaultValue("2") @Min(1) int workersPerJob,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("3") @Min(1) int maxAttempts,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("0") @Min(0) int maxFailedDocuments,
        @DefaultValue("1m") Duration retireDelay,
        @DefaultValue("") String schedule,
        @DefaultValue("5") @Min(0) int sampleQueries,
        @DefaultValue("0.8") @DecimalMin("0.0") @DecimalMax("1.0") double sampleMinHitRate,
        @DefaultValue("5000") @Min(1) int retireBatch,
        @DefaultValue("5s") Duration handBackDelay) {

    /** Embedding threads a re-index may use on this instance. */
    public int embeddingThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, (int) Math.floor(cores * coreShare));
    }
}
