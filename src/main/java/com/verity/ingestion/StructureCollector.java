package com.verity.ingestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events into {@link Block}s: headings, paragraphs, list items, table rows,
 * preformatted text and section breaks (pages, slides, sheets, attachments). It also enforces the
 * extracted-text limit (the document is then flagged truncated) and the parse deadline.
 */
class StructureCollector extends DefaultHandler {

    /** Thrown to stop parsing early; the parser tells the two reasons apart. */
    static final class Stop extends SAXException {
        final boolean deadline;

        Stop(boolean deadline) {
            super(deadline ? "parse deadline passed" : "extracted-text limit reached");
            this.deadline = deadline;
        }
    }

    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "noscript");
    private static final Set<String> SECTION_CLASSES =
            Set.of("page", "slide-content", "embedded", "package-entry");

    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final int maxChars;
    private final Instant deadline;
    private Block.Kind kind = Block.Kind.PARAGRAPH;
    private int headingLevel;
    private int skipping;
    private int cellsInRow;
    private int inRow;
    private long collected;
    private boolean truncated;

    StructureCollector(int maxChars, Instant deadline) {
        this.maxChars = maxChars;
        this.deadline = deadline;
    }

    List<Block> blocks() {
        flush();
        return blocks;
    }

    boolean truncated() {
        return truncated;
    }

    /** The collector's own stop among a failure's causes (a parser may wrap it). */
    static Optional<Stop> stopIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Stop stop) {
                return Optional.of(stop);
            }
        }
        return Optional.empty();
    }

    /** Where the text stands, to take back what follows ({@link #discardSince}). */
    record Mark(int blocks, long collected, int skipping, int inRow) {}

    Mark mark() {
        flush();
        return new Mark(blocks.size(), collected, skipping, inRow);
    }

    /** Takes back the text collected since the mark (an attachment that failed half-way). */
    void discardSince(Mark mark) {
        flush();
        blocks.subList(mark.blocks(), blocks.size()).clear();
        collected = mark.collected();
        skipping = mark.skipping();
        inRow = mark.inRow();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts)
            throws SAXException {
        checkDeadline();
        String name = localName.isEmpty() ? qName : localName;
        name = name.toLowerCase(Locale.ROOT);
        if (SKIPPED.contains(name)) {
            skipping++;
            return;
        }
        switch (name) {
            case "h1", "h2", "h3", "h4", "h5", "h6" ->
                    start(Block.Kind.HEADING, name.charAt(1) - '0');
            case "p", "blockquote", "dt", "dd", "caption" -> {
                if (inRow == 0) {
                    start(Block.Kind.PARAGRAPH, 0);
                }
            }
            case "li" -> start(Block.Kind.LIST_ITEM, 0);
            case "pre" -> start(Block.Kind.PREFORMATTED, 0);
            case "tr" -> {
                start(Block.Kind.TABLE_ROW, 0);
                inRow++;
                cellsInRow = 0;
            }
            case "td", "th" -> {
                if (cellsInRow++ > 0) {
                    text.append(" | ");
                }
            }
            case "br" -> text.append('\n');
            case "div" -> {
                String cssClass = atts.getValue("class");
                if (cssClass != null && SECTION_CLASSES.contains(cssClass)) {
                    flush();
                    blocks.add(Block.of(Block.Kind.SECTION_BREAK, ""));
                } else {
                    flush();
                }
            }
            default -> {}
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String name = (localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
        if (SKIPPED.contains(name)) {
            skipping--;
            return;
        }
        switch (name) {
            case "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dt", "dd" ->
                    flush();
            case "p", "caption" -> {
                if (inRow == 0) {
                    flush();
                }
            }
            case "tr" -> {
                flush();
                inRow = Math.max(0, inRow - 1);
            }
            case "table" -> {
                flush();
                inRow = 0;
            }
            default -> {}
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        checkDeadline();
        if (skipping > 0 || truncated) {
            return;
        }
        int room = (int) Math.min(length, maxChars - collected);
        text.append(ch, start, Math.max(0, room));
        collected += length;
        if (collected > maxChars) {
            truncated = true;
            throw new Stop(false);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    private void start(Block.Kind next, int level) {
        flush();
        kind = next;
        headingLevel = level;
    }

    private void flush() {
        String content = text.toString().strip();
        if (!content.isEmpty()) {
            blocks.add(
                    kind == Block.Kind.HEADING
                            ? Block.heading(content.replaceAll("\\s+", " "), headingLevel)
                            : Block.of(kind, content));
        }
        text.setLength(0);
        kind = Block.Kind.PARAGRAPH;
        headingLevel = 0;
    }

    private void checkDeadline() throws Stop {
        if (Instant.now().isAfter(deadline)) {
            throw new Stop(true);
        }
    }
}
