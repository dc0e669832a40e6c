package com.verity.assistant;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long what agents asked is kept (docs/retention.md). Each age left empty keeps its records for
 * ever; a daily job deletes what is older.
 *
 * @param conversations conversations (with their turns) not continued for this long
 * @param contentGaps recorded NOT_FOUND questions older than this
 * @param auditEvents audit events older than this
 * @param cron when the daily job runs (Spring cron, the server's time zone)
 */
@Validated
@ConfigurationProperties("verity.retention")
public record RetentionProperties(
        @DurationMin(days = 1) Duration conversations,
        @DurationMin(days = 1) Duration contentGaps,
        @DurationMin(days = 1) Duration auditEvents,
        @DefaultValue("0 30 3 * * *") String cron) {}
