package com.verity.ingestion;

/**
 * A passage cut from a document.
 *
 * @param ordinal position among the document's passages
 * @param start offset of the first character in the document's extracted text
 * @param end offset after the last character
 * @param section heading path, outermost first ("Benefits > Eligibility"), or null
 * @param text the passage as a person reads it: exactly {@code extractedText[start, end)}
 * @param heading its context: the document title and section path
 * @param searchText what is embedded: the passage under its heading
 * @param tokens tokens of {@code searchText}
 */
record Chunk(
        int ordinal,
        int start,
        int end,
        String section,
        String text,
        String heading,
        String searchText,
        int tokens) {}
