package com.verity.ingestion;

/**
 * A passage cut from a document.
 *
 * @param ordinal position among the document's passages
 * @param start offset of the first character in the document's extracted text
 * @param end offset after the last character
 * @param section heading path, outermost first ("Benefits > Eligibility"), or null
 * @param text the passage as a person reads it: exactly {@code extractedText[start, end)}
 * @param searchText what is embedded and indexed: the passage under its title and section
 * @param tokens tokens of {@code searchText}
 */
record Chunk(
        int ordinal,
        int start,
        int end,
        String section,
        String text,
        String searchText,
        int tokens) {}
