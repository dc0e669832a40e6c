package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingestion as a client sees it: uploads a corpus through the REST API, in requests of a few files,
 * and polls each document until it is INDEXED. The clock runs from the first upload request to the
 * moment the last document is seen INDEXED, after a small unmeasured warm-up corpus.
 */
final class IngestionThroughput {

    private static final long POLL_MILLIS = 50;
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
        if (!warmup.isEmpty()) {
            ingest(api.newCollection("bench-warmup"), warmup, uploadBatch);
        }
        String collection = api.newCollection("bench-ingest");
        long started = System.nanoTime();
        int passages = ingest(collection, documents, uploadBatch);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new Result(collection, documents.size(), passages, elapsed);
    }

    private int ingest(String collection, List<PolicyDocument> documents, int uploadBatch) {
        long started = System.nanoTime();
        List<Object> ids = new ArrayList<>();
        for (int from = 0; from < documents.size(); from += uploadBatch) {
            Upload[] files =
                    documents.subList(from, Math.min(documents.size(), from + uploadBatch)).stream()
                            .map(d -> Upload.of(d.filename(), d.bytes()))
                            .toArray(Upload[]::new);
            api.accepted(collection, files).forEach(entry -> ids.add(entry.get("id")));
        }
        int passages = 0;
        for (Object id : ids) {
            Map<String, Object> document = awaitIndexed(id, started);
            passages += (Integer) document.get("chunkCount");
        }
        return passages;
    }

    /** Documents are processed in upload order, so waiting for each in turn costs few requests. */
    private Map<String, Object> awaitIndexed(Object id, long started) {
        while (true) {
            Map<String, Object> document = api.document(id);
            Object status = document.get("status");
            if ("INDEXED".equals(status)) {
                return document;
            }
            assertThat(status).as("document %s", document).isNotEqualTo("FAILED");
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
}
