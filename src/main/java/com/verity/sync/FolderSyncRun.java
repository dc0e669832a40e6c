package com.verity.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a folder source, as the REST API shows it.
 *
 * @param added files stored for the first time
 * @param changed files stored as a new version of their document
 * @param unchanged files whose bytes are those of their newest version: nothing stored
 * @param removed files gone from the folder (or no longer taken by its patterns) whose documents
 *     were deleted
 * @param failed files that could not be taken; the run went on without them
 * @param errors the files that failed and why (the first verity.folder-sync.reported-errors)
 * @param error why the whole run failed; nothing was deleted then
 */
public record FolderSyncRun(
        UUID id,
        String source,
        String collection,
        FolderSyncTrigger trigger,
        FolderSyncState state,
        Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        int added,
        int changed,
        int unchanged,
        int removed,
        int failed,
        List<FileError> errors,
        String error) {

    FolderSyncRun withErrors(List<FileError> fileErrors) {
        return new FolderSyncRun(
                id,
                source,
                collection,
                trigger,
                state,
                requestedAt,
                startedAt,
                finishedAt,
                added,
                changed,
                unchanged,
                removed,
                failed,
                List.copyOf(fileErrors),
                error);
    }

    /**
     * @param path the file's path in the folder
     */
    public record FileError(String path, String error) {}
}
