package com.verity.reindex;

/**
 * A request to re-index.
 *
 * @param collection one collection, or null for every collection
 * @param reason free text recorded on the job
 * @param force rebuild every document from scratch into a new generation, re-embedding every
 *     passage, even when the model and chunking did not change (e.g. after a parser upgrade)
 */
public record ReindexRequest(String collection, String reason, Boolean force) {

    boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
