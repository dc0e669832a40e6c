package com.verity.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated policy or FAQ document: a title and sections of paragraphs, some with a bulleted
 * list or regional sub-sections, written out as Markdown or as plain text.
 */
record PolicyDocument(String topic, String filename, String title, List<Section> sections) {

    static final String MARKDOWN = "text/x-web-markdown";
    static final String PLAIN_TEXT = "text/plain";
    private static final int MAX_WORDS = 170;
    private static final int MIN_WORDS = 50;

    /** A heading with its paragraphs and bullets; a sub-section has a level of 3. */
    record Section(int level, String heading, List<String> paragraphs, List<String> bullets) {

        /** The section as extracted text: heading line, then paragraphs and bullets. */
        String plainText() {
            StringBuilder text = new StringBuilder(heading).append("\n\n");
            paragraphs.forEach(p -> text.append(p).append("\n\n"));
            bullets.forEach(b -> text.append("- ").append(b).append('\n'));
            return text.toString().strip();
        }
    }

    /** A passage as the chunker would cut it, with its offset in the extracted text. */
    record Passage(String section, String text, String searchText, int offset) {}

    /**
     * Sections cut into passages of at most about 170 words (~256 tokens), a section shorter than
     * about 50 words joined with the next one, as the chunker does.
     */
    List<Passage> passages() {
        List<Passage> rows = new ArrayList<>();
        StringBuilder passage = new StringBuilder();
        String section = null;
        int offset = title.length() + 2;
        for (Section next : sections) {
            if (passage.length() > 0 && words(passage) >= MIN_WORDS) {
                offset = emit(rows, section, passage, offset);
            }
            if (passage.length() == 0) {
                section = next.heading();
            }
            for (String paragraph : next.plainText().split("\n\n")) {
                if (passage.length() > 0 && words(passage) + words(paragraph) > MAX_WORDS) {
                    offset = emit(rows, section, passage, offset);
                }
                passage.append(passage.length() > 0 ? "\n\n" : "").append(paragraph);
            }
        }
        if (passage.length() > 0) {
            emit(rows, section, passage, offset);
        }
        return rows;
    }

    private int emit(List<Passage> rows, String section, StringBuilder passage, int offset) {
        String text = passage.toString();
        rows.add(new Passage(section, text, title + "\n" + section + "\n\n" + text, offset));
        passage.setLength(0);
        return offset + text.length() + 2;
    }

    private static int words(CharSequence text) {
        return text.toString().split("\\s+").length;
    }

    boolean markdown() {
        return filename.endsWith(".md");
    }

    boolean html() {
        return filename.endsWith(".html");
    }

    /** The same document as a web page (header, navigation and footer around the text). */
    PolicyDocument asHtml() {
        return new PolicyDocument(
                topic, filename.substring(0, filename.lastIndexOf('.')) + ".html", title, sections);
    }

    String contentType() {
        return html() ? "text/html" : markdown() ? MARKDOWN : PLAIN_TEXT;
    }

    byte[] bytes() {
        return render().getBytes(StandardCharsets.UTF_8);
    }

    String render() {
        if (html()) {
            return renderHtml();
        }
        boolean md = markdown();
        StringBuilder out = new StringBuilder();
        out.append(md ? "# " : "").append(title).append("\n\n");
        for (Section section : sections) {
            out.append(md ? "#".repeat(section.level()) + " " : "")
                    .append(section.heading())
                    .append("\n\n");
            for (String paragraph : section.paragraphs()) {
                out.append(md ? paragraph : wrap(paragraph)).append("\n\n");
            }
            if (!section.bullets().isEmpty()) {
                section.bullets().forEach(b -> out.append(md ? "- " : "* ").append(b).append('\n'));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private String renderHtml() {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head>");
        out.append("<meta charset=\"utf-8\"><title>").append(escape(title)).append("</title>");
        out.append("<link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body>\n");
        out.append("<header><nav><ul><li><a href=\"/\">Home</a></li>")
                .append("<li><a href=\"/services\">Services</a></li>")
                .append("<li><a href=\"/contact\">Contact us</a></li></ul></nav></header>\n");
        out.append("<main><h1>").append(escape(title)).append("</h1>\n");
        for (Section section : sections) {
            int level = section.level();
            out.append("<h%d>%s</h%d>\n".formatted(level, escape(section.heading()), level));
            section.paragraphs().forEach(p -> out.append("<p>").append(escape(p)).append("</p>\n"));
            if (!section.bullets().isEmpty()) {
                out.append("<ul>");
                section.bullets()
                        .forEach(b -> out.append("<li>").append(escape(b)).append("</li>"));
                out.append("</ul>\n");
            }
        }
        out.append("</main><footer><p>Last reviewed by the policy office.</p>")
                .append("<p><a href=\"/privacy\">Privacy</a> | <a href=\"/accessibility\">")
                .append("Accessibility</a></p></footer></body></html>\n");
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Plain-text files are often hard-wrapped at about 80 columns. */
    private static String wrap(String paragraph) {
        StringBuilder wrapped = new StringBuilder();
        int column = 0;
        for (String word : paragraph.split(" ")) {
            if (column > 0 && column + word.length() > 78) {
                wrapped.append('\n');
                column = 0;
            } else if (column > 0) {
                wrapped.append(' ');
                column++;
            }
            wrapped.append(word);
            column += word.length();
        }
        return wrapped.toString();
    }
}
