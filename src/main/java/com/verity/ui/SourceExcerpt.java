package com.verity.ui;

/**
 * The part of a document shown beside an answer: the cited passage with some text before and after
 * it, cut at whitespace, so the agent reads the citation in context.
 */
record SourceExcerpt(
        String before, String cited, String after, boolean startsMidway, boolean endsMidway) {

    private static final int CONTEXT = 1500;

    static SourceExcerpt of(String text, int start, int end) {
        int from = Math.max(0, Math.min(start, text.length()));
        int to = Math.max(from, Math.min(end, text.length()));
        int windowStart = Math.max(0, from - CONTEXT);
        int windowEnd = Math.min(text.length(), to + CONTEXT);
        if (windowStart > 0) {
            int space = text.indexOf(' ', windowStart);
            windowStart = space < 0 || space > from ? windowStart : space + 1;
        }
        if (windowEnd < text.length()) {
            int space = text.lastIndexOf(' ', windowEnd);
            windowEnd = space < to ? windowEnd : space;
        }
        return new SourceExcerpt(
                text.substring(windowStart, from),
                text.substring(from, to),
                text.substring(to, windowEnd),
                windowStart > 0,
                windowEnd < text.length());
    }
}
