package com.verity.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

/**
 * PDFs with a real text layer, written with PDFBox: the title as a large bold line, section
 * headings in bold, paragraphs wrapped to the page, list items with a dash and table rows with
 * their cells spaced apart. No document-information title is set: a reader sees only the text.
 */
public final class PdfFixtures {

    private static final PDType1Font REGULAR = new PDType1Font(FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(FontName.HELVETICA_BOLD);
    private static final float MARGIN = 56;
    private static final float BODY_SIZE = 11;

    private PdfFixtures() {}

    public static byte[] pdf(FixtureText text) {
        try (PDDocument document = new PDDocument()) {
            Pages pages = new Pages(document);
            pages.write(BOLD, 18, text.title());
            pages.gap();
            for (FixtureText.Section section : text.sections()) {
                pages.write(BOLD, 14, section.heading());
                for (String paragraph : section.paragraphs()) {
                    pages.write(REGULAR, BODY_SIZE, paragraph);
                    pages.gap();
                }
            }
            for (String item : text.items()) {
                pages.write(REGULAR, BODY_SIZE, "- " + item);
            }
            pages.gap();
            for (List<String> row : text.rows()) {
                pages.write(REGULAR, BODY_SIZE, String.join("     ", row));
            }
            pages.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays lines out top to bottom, starting a new page when one is full. */
    private static final class Pages {
        private final PDDocument document;
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream content;
        private float y;

        Pages(PDDocument document) {
            this.document = document;
        }

        void write(PDType1Font font, float size, String text) throws IOException {
            for (String line : wrap(font, size, text)) {
                if (content == null || y < MARGIN + size) {
                    newPage();
                }
                y -= size * 1.4f;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y);
                content.showText(line);
                content.endText();
            }
        }

        void gap() {
            y -= BODY_SIZE;
        }

        void close() throws IOException {
            if (content != null) {
                content.close();
            }
        }

        private void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private List<String> wrap(PDType1Font font, float size, String text) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split("\\s+")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            lines.add(line.toString());
            return lines;
        }
    }
}
