package com.verity.ingestion;

/** One indexed passage of a document, in the active index generation, as an admin inspects it. */
public record PassageView(
        int ordinal, String section, String text, int start, int end, int tokenCount) {}
