package com.verity.ingestion;

/**
 * A structural piece of a parsed document, in reading order.
 *
 * @param kind what the piece is
 * @param text its text (whitespace as the parser gave it)
 * @param level heading level 1..6 for headings, 0 otherwise
 */
record Block(Kind kind, String text, int level) implements java.io.Serializable {

    enum Kind {
        HEADING,
        PARAGRAPH,
        LIST_ITEM,
        TABLE_ROW,
        PREFORMATTED,
        /** A page, slide, sheet or attachment starts; carries its name, if any. */
        SECTION_BREAK
    }

    static Block of(Kind kind, String text) {
        return new Block(kind, text, 0);
    }

    static Block heading(String text, int level) {
        return new Block(Kind.HEADING, text, level);
    }
}
