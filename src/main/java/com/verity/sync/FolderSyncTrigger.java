package com.verity.sync;

/** What started a run of a folder source. */
public enum FolderSyncTrigger {
    /** POST /api/folder-sources/{name}/sync */
    API,
    /** verity.folder-sync.schedule */
    SCHEDULE
}
