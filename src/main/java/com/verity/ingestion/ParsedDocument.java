package com.verity.ingestion;

import java.util.List;

/**
 * What the parser made of a file.
 *
 * @param title the document's title from its metadata, or null
 * @param blocks the structure, in reading order
 * @param truncated whether text was cut at verity.ingestion.max-extracted-chars
 * @param ocrPages pages (or images) whose text came from OCR; 0 when none did
 * @param skippedAttachments attachments and embedded files left out of the text, and why
 */
record ParsedDocument(
        String title,
        List<Block> blocks,
        boolean truncated,
        int ocrPages,
        List<SkippedAttachment> skippedAttachments)
        implements java.io.Serializable {}
