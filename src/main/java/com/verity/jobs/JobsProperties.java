package com.verity.jobs;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The durable job scheduler (db-scheduler on the service's PostgreSQL) that runs re-index and
 * folder-sync work on whichever instance is free.
 *
 * @param enabled false: this instance schedules jobs but runs none (others sharing the database do)
 * @param threads job executions this instance runs at once
 * @param pollingInterval how often an idle instance looks for due executions
 * @param heartbeatInterval how often a running execution tells the database it is alive
 * @param missedHeartbeatsLimit heartbeats an execution may miss before another instance revives it
 *     (so a crashed instance's work resumes after about interval x limit)
 * @param shutdownMaxWait how long a stopping instance waits for running executions to reach a
 *     checkpoint and hand their work back
 */
@Validated
@ConfigurationProperties("verity.jobs")
public record JobsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3") @Min(1) int threads,
        @DefaultValue("2s") Duration pollingInterval,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("4") @Min(4) int missedHeartbeatsLimit,
        @DefaultValue("30s") Duration shutdownMaxWait) {}
