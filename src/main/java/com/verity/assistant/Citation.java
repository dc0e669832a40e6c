package com.verity.assistant;

import java.util.UUID;

/**
 * A numbered source of an answer: passage {@code n} of those the model was given, with the sentence
 * of it that supports the answer and that sentence's offsets in the document's text.
 */
public record Citation(
        int n,
        UUID documentId,
        String filename,
        String title,
        long chunkId,
        String quote,
        int start,
        int end) {}
