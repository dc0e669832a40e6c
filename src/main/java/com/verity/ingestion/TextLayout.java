package com.verity.ingestion;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Lays blocks out as one extracted text and cuts it into units that passages are made of: headings,
 * sentences of paragraphs, list items, table rows. Units longer than a limit are cut at word
 * boundaries. Every unit knows its offsets in the text and the group (paragraph, list, table) it
 * belongs to, so the chunker can keep groups whole.
 */
final class TextLayout {

    enum UnitKind {
        HEADING,
        TEXT,
        BREAK
    }

    record Unit(UnitKind kind, int start, int end, int tokens, int level, int group) {}

    private final StringBuilder text = new StringBuilder();
    private final List<Unit> units = new ArrayList<>();
    private final ToIntFunction<String> tokenCounter;
    private final int maxUnitTokens;
    private Block.Kind previous;
    private int group;

    private TextLayout(ToIntFunction<String> tokenCounter, int maxUnitTokens) {
        this.tokenCounter = tokenCounter;
        this.maxUnitTokens = maxUnitTokens;
    }

    static TextLayout of(
            List<Block> blocks, ToIntFunction<String> tokenCounter, int maxUnitTokens) {
        TextLayout layout = new TextLayout(tokenCounter, maxUnitTokens);
        blocks.forEach(layout::add);
        return layout;
    }

    String text() {
        return text.toString();
    }

    List<Unit> units() {
        return units;
    }

    private void add(Block block) {
        if (block.kind() == Block.Kind.SECTION_BREAK) {
            units.add(new Unit(UnitKind.BREAK, text.length(), text.length(), 0, 0, ++group));
            previous = null;
            return;
        }
        String content =
                block.kind() == Block.Kind.PREFORMATTED
                        ? block.text()
                        : block.text().replaceAll("\\s+", " ").strip();
        if (content.isEmpty()) {
            return;
        }
        boolean continuesRun =
                block.kind() == previous
                        && (block.kind() == Block.Kind.LIST_ITEM
                                || block.kind() == Block.Kind.TABLE_ROW);
        if (!text.isEmpty()) {
            text.append(continuesRun ? "\n" : "\n\n");
        }
        if (!continuesRun) {
            group++;
        }
        previous = block.kind();
        int start = text.length();
        text.append(content);
        switch (block.kind()) {
            case HEADING ->
                    units.add(
                            new Unit(
                                    UnitKind.HEADING,
                                    start,
                                    text.length(),
                                    tokenCounter.applyAsInt(content),
                                    block.level(),
                                    group));
            case PARAGRAPH -> addSentences(content, start);
            default -> addPiece(start, text.length());
        }
    }

    private void addSentences(String paragraph, int offset) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        sentences.setText(paragraph);
        int from = sentences.first();
        for (int to = sentences.next();
                to != BreakIterator.DONE;
                from = to, to = sentences.next()) {
            int end = from + paragraph.substring(from, to).stripTrailing().length();
            if (end > from) {
                addPiece(offset + from, offset + end);
            }
        }
    }

    /** Adds text[start, end) as one unit, or as several cut at spaces when it is too long. */
    private void addPiece(int start, int end) {
        int tokens = tokenCounter.applyAsInt(text.substring(start, end));
        if (tokens <= maxUnitTokens) {
            units.add(new Unit(UnitKind.TEXT, start, end, tokens, 0, group));
            return;
        }
        int pieces = (tokens + maxUnitTokens - 1) / maxUnitTokens;
        int target = (end - start) / pieces;
        int from = start;
        while (from < end) {
            int to = Math.min(end, from + target);
            if (to < end) {
                int space = text.lastIndexOf(" ", to);
                to = space > from ? space : to;
            }
            String piece = text.substring(from, to);
            int pieceTokens = tokenCounter.applyAsInt(piece);
            if (pieceTokens > maxUnitTokens && to - from > 1) {
                target = Math.max(1, target / 2);
                continue;
            }
            units.add(new Unit(UnitKind.TEXT, from, to, pieceTokens, 0, group));
            from = to;
            while (from < end && text.charAt(from) == ' ') {
                from++;
            }
        }
    }
}
