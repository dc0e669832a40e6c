package com.verity.sync;

import java.util.List;

/**
 * A configured folder source and how its last run went.
 *
 * @param path the folder, absolute
 * @param accessGroups the groups whose members may read the source's documents
 * @param language the source's documents' language as configured (ISO 639-1), null: detected
 * @param lastRun the latest run (possibly still queued or running), null before the first
 */
public record FolderSource(
        String name,
        String collection,
        String path,
        List<String> include,
        List<String> exclude,
        boolean allowEmpty,
        List<String> accessGroups,
        String language,
        FolderSyncRun lastRun) {}
