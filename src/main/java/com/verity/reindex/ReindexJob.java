package com.verity.reindex;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A re-index job as the REST API shows it.
 *
 * @param collection the collection re-indexed, or null for all of them
 * @param documents progress over the job's documents
 * @param passagesPerSecond passages embedded per second while the job ran (reused vectors not
 *     counted)
 * @param etaSeconds seconds left at the current pace, null when unknown or finished
 * @param collections each collection's generation before and after
 * @param errors documents that failed, newest first (at most 100)
 * @param verification what was checked before the switch
 */
public record ReindexJob(
        UUID id,
        String collection,
        String reason,
        ReindexTrigger trigger,
        boolean force,
        ReindexState state,
        String embeddingModel,
        Progress documents,
        long passages,
        long reusedVectors,
        Double passagesPerSecond,
        Long etaSeconds,
        List<CollectionStep> collections,
        List<DocumentError> errors,
        String verification,
        String error,
        Instant createdAt,
        Instant finishedAt) {

    public record Progress(
            long total, long done, long skipped, long failed, long remaining, int percent) {}

    /**
     * @param rebuilt true when a new generation is built (the model or chunking changed, or force);
     *     false when only missing documents are processed into the serving one
     */
    public record CollectionStep(
            String collection, int fromGeneration, int toGeneration, boolean rebuilt) {}

    public record DocumentError(UUID documentId, String filename, String error) {}
}
