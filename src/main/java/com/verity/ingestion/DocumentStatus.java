package com.verity.ingestion;

/** Where a document is on its way into the index. */
public enum DocumentStatus {
    QUEUED,
    PROCESSING,
    INDEXED,
    FAILED
}
