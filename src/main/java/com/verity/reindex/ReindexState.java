package com.verity.reindex;

/** Where a re-index job stands. Only RUNNING changes; the others are final. */
public enum ReindexState {
    RUNNING,
    SUCCEEDED,
    /** Could not be completed or verified; the current index keeps serving. */
    FAILED,
    CANCELLED
}
