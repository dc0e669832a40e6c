package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ingestion as a client sees it: uploads a corpus through the REST API, in requests of a few files,
 * and polls the collection's counts until every document is INDEXED. The clock runs from the first
 * upload request to the moment the last document is seen INDEXED, after a small unmeasured warm-up
 * corpus.
 */
final class IngestionThroughput {

    private static final long POLL_MILLIS = 100;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    record Result(String collection, int documents, int passages, Duration elapsed) {

        double documentsPerSecond() {
            return documents / seconds();
        }

        double passagesPerSecond() {
            return passages / seconds();
        }

        double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    private final VerityApi api;

    IngestionThroughput(VerityApi api) {
        this.api = api;
    }

    /**
     * Ingests {@code warmup} unmeasured (JIT, Tika and the model's first calls), then {@code
     * documents} measured, each into a new collection.
     */
    Result run(List<PolicyDocument> warmup, List<PolicyDocument> documents, int uploadBatch) {
        warmUp(warmup, uploadBatch);
        return run(documents, uploadBatch);
    }

    /** Ingests {@code warmup} into a collection of its own, so the JIT and pools are warm. */
    void warmUp(List<PolicyDocument> warmup, int uploadBatch) {
        if (!warmup.isEmpty()) {
            ingest(api.newCollection("bench-warmup"), warmup, uploadBatch);
        }
    }

    /** Ingests {@code documents} into a new collection, timed. */
    Result run(List<PolicyDocument> documents, int uploadBatch) {
        String collection = api.newCollection("bench-ingest");
        long started = System.nanoTime();
        int passages = ingest(collection, documents, uploadBatch);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new Result(collection, documents.size(), passages, elapsed);
    }

    private int ingest(String collection, List<PolicyDocument> documents, int uploadBatch) {
        long started = System.nanoTime();
        for (int from = 0; from < documents.size(); from += uploadBatch) {
            Upload[] files =
                    documents.subList(from, Math.min(documents.size(), from + uploadBatch)).stream()
                            .map(d -> Upload.of(d.filename(), d.bytes()))
                            .toArray(Upload[]::new);
            api.accepted(collection, files);
        }
        awaitAllIndexed(collection, documents.size(), started);
        return passages(collection);
    }

    /**
     * Polls the collection's counts, one cheap request per interval, so the client's own polling
     * takes next to nothing from the CPU that ingestion is measured on.
     */
    private void awaitAllIndexed(String collection, int documents, long started) {
        while (true) {
            Map<String, Object> summary =
                    api.getList("/api/collections").body().stream()
                            .filter(c -> collection.equals(c.get("name")))
                            .findFirst()
                            .orElseThrow();
            assertThat(((Number) summary.get("failedCount")).intValue())
                    .as("failed documents in %s", summary)
                    .isZero();
            if (((Number) summary.get("indexedCount")).intValue() == documents) {
                return;
            }
            assertThat(System.nanoTime() - started)
                    .as("ingestion still running after %s", PATIENCE)
                    .isLessThan(PATIENCE.toNanos());
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private int passages(String collection) {
        int passages = 0;
        for (int page = 0; ; page++) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> documents =
                    (List<Map<String, Object>>)
                            api.get(
                                            "/api/collections/%s/documents?page=%d&size=100"
                                                    .formatted(collection, page))
                                    .body()
                                    .get("content");
            if (documents.isEmpty()) {
                return passages;
            }
            for (Map<String, Object> document : documents) {
                passages += ((Number) document.get("chunkCount")).intValue();
            }
        }
    }
}
