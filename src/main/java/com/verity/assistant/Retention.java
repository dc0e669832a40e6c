package com.verity.assistant;

import com.verity.security.Accounts;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes what is older than {@code verity.retention.*} allows (conversations with their turns,
 * content gaps, audit events), daily and on an admin's request, and a user's conversations on
 * request (docs/retention.md). The figures of {@code model_usage} stay: they hold no question.
 */
@Service
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 2000;

    /** What one run deleted, and the ages it applied ({@code null}: kept for ever). */
    public record Run(
            Instant at,
            Duration conversationsAge,
            Duration contentGapsAge,
            Duration auditEventsAge,
            long conversations,
            long contentGaps,
            long auditEvents) {}

    /** What deleting a user's conversations removed. */
    public record Deleted(String username, long conversations, long turns, long contentGaps) {}

    private final RetentionProperties properties;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Accounts accounts;

    Retention(RetentionProperties properties, JdbcClient jdbc, AuditLog audit, Accounts accounts) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
    }

    public RetentionProperties settings() {
        return properties;
    }

    /** Applies the configured ages now; {@code by} null: the daily job. */
    public Run run(Caller by) {
        Instant now = Instant.now();
        long gaps = 0;
        long conversations = 0;
        long events = 0;
        if (properties.contentGaps() != null) {
            gaps =
                    batches(
                            "delete from content_gap where id in (select id from content_gap"
                                    + " where created_at < :before limit :batch)",
                            now.minus(properties.contentGaps()));
        }
        if (properties.conversations() != null) {
            conversations =
                    batches(
                            "delete from conversation where id in (select id from conversation"
                                    + " where updated_at < :before limit :batch)",
                            now.minus(properties.conversations()));
        }
        if (properties.auditEvents() != null) {
            events = audit.deleteBefore(now.minus(properties.auditEvents()));
        }
        Run run =
                new Run(
                        now,
                        properties.conversations(),
                        properties.contentGaps(),
                        properties.auditEvents(),
                        conversations,
                        gaps,
                        events);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conversations", conversations);
        details.put("contentGaps", gaps);
        details.put("auditEvents", events);
        if (by == null) {
            audit.record(AuditType.RETENTION_RUN, (String) null, "retention", details);
        } else {
            audit.record(AuditType.RETENTION_RUN, by, "retention", details);
        }
        log.info(
                "Retention: deleted {} conversations, {} content gaps, {} audit events",
                conversations,
                gaps,
                events);
        return run;
    }

    private long batches(String sql, Instant before) {
        long deleted = 0;
        int batch;
        do {
            batch =
                    jdbc.sql(sql)
                            .param("before", java.sql.Timestamp.from(before))
                            .param("batch", BATCH)
                            .update();
            deleted += batch;
        } while (batch > 0);
        return deleted;
    }

    /**
     * Deletes every conversation of {@code username} with its turns, and the content gaps they
     * recorded (the questions are theirs); audited.
     */
    @Transactional
    public Deleted deleteConversations(String username, Caller by) {
        long owner = accounts.caller(username).userId();
        long gaps =
                jdbc.sql(
                                """
                                delete from content_gap where turn_id in (
                                    select t.id from turn t join conversation v on v.id = t.conversation_id
                                    where v.owner_id = :owner)
                                """)
                        .param("owner", owner)
                        .update();
        long turns =
                jdbc.sql(
                                "select count(*) from turn t join conversation v on v.id = t.conversation_id"
                                        + " where v.owner_id = :owner")
                        .param("owner", owner)
                        .query(Long.class)
                        .single();
        long conversations =
                jdbc.sql("delete from conversation where owner_id = :owner")
                        .param("owner", owner)
                        .update();
        audit.record(
                AuditType.CONVERSATIONS_DELETED,
                by,
                username,
                Map.of("conversations", conversations, "turns", turns, "contentGaps", gaps));
        return new Deleted(username, conversations, turns, gaps);
    }
}
