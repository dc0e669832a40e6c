package com.verity.ingestion;

import com.verity.jobs.WorkerNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The durable ingestion queue: the document rows themselves. A worker claims the oldest due QUEUED
 * document (or one whose lease ran out because its worker died) with FOR UPDATE SKIP LOCKED, so
 * several instances sharing the database never process one document at the same time. The lease is
 * short and renewed while the worker runs ({@link #renew}); a worker's commit checks that it still
 * holds the document, so one that lost its lease (a long pause) writes nothing.
 */
@Component
class IngestionQueue {

    record Claimed(
            UUID id,
            long collectionId,
            String filename,
            String contentType,
            int attempts,
            String worker) {}

    private final JdbcClient jdbc;
    private final IngestionProperties properties;
    private final IngestionMetrics metrics;

    IngestionQueue(JdbcClient jdbc, IngestionProperties properties, IngestionMetrics metrics) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.metrics = metrics;
    }

    Optional<Claimed> claim(String worker) {
        return jdbc.sql(
                        """
                        update document d
                        set status = 'PROCESSING', locked_by = :worker, attempts = d.attempts + 1,
                            locked_until = now() + make_interval(secs => :lease)
                        where d.id = (
                            select id from document
                            where (status = 'QUEUED' and next_attempt_at <= now())
                               or (status = 'PROCESSING' and locked_until < now())
                            order by next_attempt_at, created_at
                            for update skip locked
                            limit 1)
                        returning d.id, d.collection_id, d.filename, d.content_type, d.attempts
                        """)
                .param("worker", worker)
                .param("lease", properties.lease().toMillis() / 1000.0)
                .query(
                        (rs, row) ->
                                new Claimed(
                                        rs.getObject(1, UUID.class),
                                        rs.getLong(2),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getInt(5),
                                        worker))
                .optional();
    }

    /** Extends a document's lease by another lease from now, while the worker still holds it. */
    void renew(Claimed document) {
        jdbc.sql(
                        """
                        update document set locked_until = now() + make_interval(secs => :lease)
                        where id = :id and locked_by = :worker and status = 'PROCESSING'
                        """)
                .param("lease", properties.lease().toMillis() / 1000.0)
                .param("id", document.id())
                .param("worker", document.worker())
                .update();
    }

    /**
     * Ends the leases of documents held by workers whose process on this host has ended (this
     * instance before a kill or crash), so they are taken over now rather than when the lease runs
     * out. Returns how many.
     */
    int releaseEnded() {
        List<String> ended =
                WorkerNames.endedOnThisHost(
                        jdbc.sql(
                                        "select distinct locked_by from document where status = 'PROCESSING'")
                                .query(String.class)
                                .list());
        if (ended.isEmpty()) {
            return 0;
        }
        return jdbc.sql(
                        """
                        update document set locked_until = now() - interval '1 millisecond'
                        where status = 'PROCESSING' and locked_by in (:ended)
                        """)
                .param("ended", ended)
                .update();
    }

    /** A transient failure: try again later, or give up after verity.ingestion.max-attempts. */
    void retryOrFail(Claimed document, String reason) {
        if (document.attempts() >= properties.maxAttempts()) {
            fail(document, "gave up after %d attempts: %s".formatted(document.attempts(), reason));
            return;
        }
        Duration backoff = properties.retryBackoff().multipliedBy(1L << (document.attempts() - 1));
        int updated =
                jdbc.sql(
                                """
                        update document
                        set status = 'QUEUED', locked_by = null, locked_until = null, error = :error,
                            next_attempt_at = now() + make_interval(secs => :backoff)
                        where id = :id and locked_by = :worker
                        """)
                        .param(
                                "error",
                                "attempt %d failed, will retry: %s"
                                        .formatted(document.attempts(), reason))
                        .param("backoff", backoff.toMillis() / 1000.0)
                        .param("id", document.id())
                        .param("worker", document.worker())
                        .update();
        // counted only by the worker that still held it
        if (updated == 1) {
            metrics.retried();
        }
    }

    void fail(Claimed document, String reason) {
        int updated =
                jdbc.sql(
                                """
                        update document
                        set status = 'FAILED', error = :error, locked_by = null, locked_until = null
                        where id = :id and locked_by = :worker
                        """)
                        .param("error", reason)
                        .param("id", document.id())
                        .param("worker", document.worker())
                        .update();
        if (updated == 1) {
            metrics.failed();
        }
    }

    /** Hands documents of a stopping worker back to the queue, without counting the attempt. */
    void release(String worker) {
        jdbc.sql(
                        """
                        update document
                        set status = 'QUEUED', locked_by = null, locked_until = null,
                            attempts = greatest(attempts - 1, 0)
                        where locked_by = :worker and status = 'PROCESSING'
                        """)
                .param("worker", worker)
                .update();
    }
}
