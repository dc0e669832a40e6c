package com.verity.review;

import java.util.List;

/**
 * {@code POST /api/collections/{c}/verified-answers} and {@code PUT /api/verified-answers/{id}}.
 *
 * @param answer the answer; {@code [n]} markers refer to {@code citations} in order (from 1)
 * @param citations each one a passage ({@code {"chunkId"}}) or a range of a document's text ({@code
 *     {"documentId", "start", "end"}})
 * @param reviewItem the review queue's turn this answers (leaves the queue once published)
 */
public record VerifiedAnswerRequest(
        String question, String answer, List<CitationRef> citations, Long reviewItem) {

    /** One citation: a passage by id, or a document's range. */
    public record CitationRef(
            Long chunkId, java.util.UUID documentId, Integer start, Integer end) {}
}
