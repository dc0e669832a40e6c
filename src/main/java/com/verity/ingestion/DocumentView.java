package com.verity.ingestion;

import java.time.Instant;
import java.util.UUID;

/**
 * A document as the REST API shows it.
 *
 * @param source the folder source it was synced from (verity.folder-sync), null for an upload
 */
public record DocumentView(
        UUID id,
        String collection,
        String filename,
        String title,
        String contentType,
        long sizeBytes,
        String sha256,
        int version,
        DocumentStatus status,
        String error,
        Integer chunkCount,
        boolean truncated,
        Instant createdAt,
        Instant indexedAt,
        String source) {}
