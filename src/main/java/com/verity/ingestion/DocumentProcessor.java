package com.verity.ingestion;

import com.verity.embedding.EmbeddingModels;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes one claimed document: parse -> structure -> chunk -> embed -> store. A document that can
 * never be indexed fails with the reason; any other error is retried with backoff.
 */
@Component
class DocumentProcessor {

    private static final Logger log = LoggerFactory.getLogger(DocumentProcessor.class);

    /** A switch between embedding and storing sends a document round again; more is a bug. */
    private static final int MAX_ROUNDS = 3;

    private final DocumentPreparer preparer;
    private final EmbeddingModels models;
    private final PassageStore store;
    private final IngestionQueue queue;
    private final IndexGenerations generations;
    private final IngestionMetrics metrics;

    DocumentProcessor(
            DocumentPreparer preparer,
            EmbeddingModels models,
            PassageStore store,
            IngestionQueue queue,
            IndexGenerations generations,
            IngestionMetrics metrics) {
        this.preparer = preparer;
        this.models = models;
        this.store = store;
        this.queue = queue;
        this.generations = generations;
        this.metrics = metrics;
    }

    void process(IngestionQueue.Claimed document) {
        long started = System.nanoTime();
        try {
            DocumentPreparer.Prepared prepared =
                    preparer.prepare(document.id(), document.contentType(), document.filename());
            ChunkedDocument chunked = prepared.chunked();
            long preparedAt = System.nanoTime();
            long embedded = preparedAt;
            PassageStore.Outcome outcome = PassageStore.Outcome.STALE;
            for (int round = 0;
                    round < MAX_ROUNDS && outcome == PassageStore.Outcome.STALE;
                    round++) {
                IndexGeneration generation = generations.servingFor(document.collectionId());
                List<float[]> vectors =
                        models.forModel(generation.embeddingModel())
                                .embedPassages(
                                        chunked.chunks().stream().map(Chunk::searchText).toList());
                embedded = System.nanoTime();
                outcome = store.complete(document, generation, prepared, vectors);
            }
            if (outcome == PassageStore.Outcome.STALE) {
                throw new IllegalStateException(
                        "the collection's index generation kept changing while this document was"
                                + " embedded");
            }
            long done = System.nanoTime();
            if (outcome == PassageStore.Outcome.STORED) {
                metrics.indexed();
            }
            log.info(
                    "{} {}: {} passages in {} ms (parse and chunk {} ms, embed {} ms, store {} ms)",
                    outcome == PassageStore.Outcome.STORED
                            ? "Indexed"
                            : "Dropped (deleted or superseded)",
                    document.filename(),
                    chunked.chunks().size(),
                    (done - started) / 1_000_000,
                    (preparedAt - started) / 1_000_000,
                    (embedded - preparedAt) / 1_000_000,
                    (done - embedded) / 1_000_000);
        } catch (DocumentRejectedException e) {
            log.info("Failed {}: {}", document.filename(), e.getMessage());
            queue.fail(document, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Attempt {} at {} failed", document.attempts(), document.filename(), e);
            queue.retryOrFail(document, String.valueOf(e.getMessage()));
        }
    }
}
