package com.verity.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Text formats whose structure is in the characters: HTML, Markdown and plain text. */
public final class MarkupFixtures {

    private MarkupFixtures() {}

    /**
     * An HTML page: the title in {@code <title>} and {@code <h1>}, sections under {@code <h2>} with
     * {@code <p>} paragraphs, a {@code <ul>} list and a {@code <table>} (first row as headers).
     */
    public static byte[] html(FixtureText text) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.append("<title>").append(escape(text.title())).append("</title>\n");
        html.append("<style>body { font-family: sans-serif; }</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(text.title())).append("</h1>\n");
        for (FixtureText.Section section : text.sections()) {
            html.append("<h2>").append(escape(section.heading())).append("</h2>\n");
            section.paragraphs()
                    .forEach(p -> html.append("<p>").append(escape(p)).append("</p>\n"));
        }
        if (!text.items().isEmpty()) {
            html.append("<ul>\n");
            text.items().forEach(i -> html.append("<li>").append(escape(i)).append("</li>\n"));
            html.append("</ul>\n");
        }
        if (!text.rows().isEmpty()) {
            html.append("<table>\n");
            for (int r = 0; r < text.rows().size(); r++) {
                String cell = r == 0 ? "th" : "td";
                html.append("<tr>");
                text.rows().get(r).forEach(c -> html.append(tag(cell, c)));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Markdown: {@code #} title, {@code ##} sections, paragraphs, a dash list and a pipe table. */
    public static byte[] markdown(FixtureText text) {
        StringBuilder md = new StringBuilder("# ").append(text.title()).append("\n\n");
        for (FixtureText.Section section : text.sections()) {
            md.append("## ").append(section.heading()).append("\n\n");
            section.paragraphs().forEach(p -> md.append(p).append("\n\n"));
        }
        text.items().forEach(i -> md.append("- ").append(i).append('\n'));
        if (!text.rows().isEmpty()) {
            md.append('\n').append(tableRow(text.rows().get(0)));
            md.append(tableRow(text.rows().get(0).stream().map(c -> "---").toList()));
            text.rows().stream().skip(1).forEach(row -> md.append(tableRow(row)));
        }
        return md.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Plain text: the title on the first line, each section heading on its own line before its
     * paragraphs, blank lines between paragraphs, dashed list items and tab-separated rows.
     */
    public static byte[] plainText(FixtureText text) {
        StringBuilder plain = new StringBuilder(text.title()).append("\n\n");
        for (FixtureText.Section section : text.sections()) {
            plain.append(section.heading()).append('\n');
            section.paragraphs().forEach(p -> plain.append(p).append("\n\n"));
        }
        text.items().forEach(i -> plain.append("- ").append(i).append('\n'));
        text.rows().forEach(row -> plain.append('\n').append(String.join("\t", row)));
        return plain.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String tableRow(List<String> cells) {
        return cells.stream().collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    private static String tag(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
