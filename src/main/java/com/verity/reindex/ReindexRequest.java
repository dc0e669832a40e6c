package com.verity.reindex;

/**
 * A request to re-index.
 *
 * @param collection one collection, or null for every collection
 * @param reason free text recorded on the job
 * @param force rebuild every document into a new generation even when the model and chunking did
 *     not change (e.g. after a parser upgrade)
 */
public record ReindexRequest(String collection, String reason, Boolean force) {

    boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
