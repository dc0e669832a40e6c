package com.verity.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the structure that plain text (and PDF text) only implies: paragraphs are separated by
 * blank lines, and a short line without end punctuation that opens a paragraph, or stands alone
 * before one, is a heading.
 */
final class PlainTextStructure {

    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");
    private static final Pattern BULLET = Pattern.compile("^([-*•·▪◦]|\\d+[.)])\\s.*");
    private static final int MAX_HEADING_CHARS = 100;
    private static final int MAX_HEADING_WORDS = 14;

    private PlainTextStructure() {}

    static List<Block> refine(List<Block> blocks) {
        List<Block> refined = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (block.kind() == Block.Kind.PARAGRAPH) {
                boolean proseFollows =
                        b + 1 < blocks.size() && blocks.get(b + 1).kind() == Block.Kind.PARAGRAPH;
                splitParagraphs(block.text(), proseFollows, refined);
            } else {
                refined.add(block);
            }
        }
        return refined;
    }

    private static void splitParagraphs(String text, boolean proseFollows, List<Block> out) {
        String[] paragraphs = BLANK_LINES.split(text);
        for (int i = 0; i < paragraphs.length; i++) {
            String paragraph = paragraphs[i].strip();
            if (paragraph.isEmpty()) {
                continue;
            }
            int newline = paragraph.indexOf('\n');
            String first = (newline < 0 ? paragraph : paragraph.substring(0, newline)).strip();
            boolean more = newline >= 0 || i + 1 < paragraphs.length || proseFollows;
            if (more && isHeading(first)) {
                out.add(Block.heading(first, 2));
                if (newline >= 0) {
                    addLines(paragraph.substring(newline + 1), out);
                }
            } else {
                addLines(paragraph, out);
            }
        }
    }

    /** Lines that start with a bullet or number are list items; other lines run on as prose. */
    private static void addLines(String paragraph, List<Block> out) {
        StringBuilder prose = new StringBuilder();
        for (String line : paragraph.split("\\n")) {
            String stripped = line.strip();
            if (BULLET.matcher(stripped).matches()) {
                flush(prose, out);
                out.add(Block.of(Block.Kind.LIST_ITEM, stripped));
            } else if (!stripped.isEmpty()) {
                prose.append(prose.isEmpty() ? "" : "\n").append(stripped);
            }
        }
        flush(prose, out);
    }

    private static void flush(StringBuilder prose, List<Block> out) {
        if (!prose.isEmpty()) {
            out.add(Block.of(Block.Kind.PARAGRAPH, prose.toString()));
            prose.setLength(0);
        }
    }

    static boolean isHeading(String line) {
        if (line.length() < 3 || line.length() > MAX_HEADING_CHARS) {
            return false;
        }
        char first = line.charAt(0);
        char last = line.charAt(line.length() - 1);
        if (!(Character.isUpperCase(first) || Character.isDigit(first))) {
            return false;
        }
        if (".,;!?\"')]".indexOf(last) >= 0 || BULLET.matcher(line).matches()) {
            return false;
        }
        long letters = line.chars().filter(Character::isLetter).count();
        return line.split("\\s+").length <= MAX_HEADING_WORDS && letters * 2 >= line.length();
    }
}
