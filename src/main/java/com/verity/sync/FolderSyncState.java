package com.verity.sync;

/** Where a run of a folder source is. */
public enum FolderSyncState {
    /** requested; starts when an instance's job scheduler picks it */
    QUEUED,
    RUNNING,
    /** the folder was read; files that could not be taken are listed in the run's errors */
    SUCCEEDED,
    /** the folder could not be read (missing, unreadable, empty share): nothing was deleted */
    FAILED
}
