package com.verity.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ingestion's meters: {@code verity_ingestion_documents_total{status}} (indexed, failed, retried)
 * and {@code verity_ingestion_queue_depth}, the documents waiting or being processed, read from the
 * database (every instance's queue) at most every five seconds.
 */
@Component
class IngestionMetrics {

    private static final Duration DEPTH_HELD = Duration.ofSeconds(5);

    private final Counter indexed;
    private final Counter failed;
    private final Counter retried;
    private final JdbcClient jdbc;
    private final AtomicLong depth = new AtomicLong();
    private volatile long depthReadAt;

    IngestionMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.indexed = documents(registry, "indexed");
        this.failed = documents(registry, "failed");
        this.retried = documents(registry, "retried");
        Gauge.builder("verity.ingestion.queue.depth", this, IngestionMetrics::queueDepth)
                .description("Documents queued or being processed, on every instance")
                .register(registry);
    }

    private static Counter documents(MeterRegistry registry, String status) {
        return Counter.builder("verity.ingestion.documents")
                .description("Documents ingestion finished with, by outcome")
                .tag("status", status)
                .register(registry);
    }

    void indexed() {
        indexed.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried() {
        retried.increment();
    }

    private double queueDepth() {
        long now = System.nanoTime();
        if (now - depthReadAt > DEPTH_HELD.toNanos()) {
            depth.set(
                    jdbc.sql(
                                    "select count(*) from document where status in ('QUEUED',"
                                            + " 'PROCESSING')")
                            .query(Long.class)
                            .single());
            depthReadAt = now;
        }
        return depth.get();
    }
}
