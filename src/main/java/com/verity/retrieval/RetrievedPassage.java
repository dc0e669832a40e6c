package com.verity.retrieval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * A passage found for a question.
 *
 * @param score the fused relevance score (higher is better; comparable within one result)
 * @param similarity cosine similarity of the passage to the question, 0..1 (null when only the
 *     full-text search found it)
 * @param start offset of the passage in the document's extracted text
 * @param end offset after its last character
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrievedPassage(
        UUID documentId,
        String filename,
        String title,
        long chunkId,
        String text,
        double score,
        Double similarity,
        int start,
        int end,
        String section,
        int ordinal) {}
