package com.verity.reindex;

/** Who started a re-index job. */
public enum ReindexTrigger {
    API,
    UI,
    SCHEDULE,
    CLI
}
