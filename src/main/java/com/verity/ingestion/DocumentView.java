package com.verity.ingestion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A document as the REST API shows it.
 *
 * @param source the folder source it was synced from (verity.folder-sync), null for an upload
 * @param accessGroups the groups whose members may read it; empty: every reader of the collection
 * @param ocr whether some of its text was read by OCR (a scan, an image)
 * @param ocrPages how many of its pages (1 for an image) were read by OCR
 * @param language its language (ISO 639-1), as chosen at upload or by its folder source, or as
 *     detected from its text when it was indexed; null when not known (yet)
 * @param skippedAttachments attachments and embedded files left out of its text, and why (an
 *     unaccepted type, a zip bomb, one too many); images inside documents are not listed
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
        String source,
        List<String> accessGroups,
        String language,
        boolean ocr,
        int ocrPages,
        List<SkippedAttachment> skippedAttachments) {}
