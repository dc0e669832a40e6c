package com.verity.ingestion;

import java.util.UUID;

/**
 * A piece of a document the caller may open, as a verified answer cites it: an indexed passage of
 * the serving index generation, or a range of the document's extracted text.
 *
 * @param chunkId the passage holding it (for a range: the passage its start falls in)
 * @param text the passage's text, or the range's
 * @param version the document's version it was read from
 * @param accessGroups the document's access groups (empty: every reader of the collection)
 */
public record PassageRef(
        long chunkId,
        UUID documentId,
        long collectionId,
        String filename,
        String title,
        String section,
        String text,
        int start,
        int end,
        int version,
        java.util.List<String> accessGroups) {}
