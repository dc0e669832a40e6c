package com.verity.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Files built to exhaust a parser: decompression bombs, nesting bombs, very long documents. */
public final class HostileFixtures {

    private static final String DOCUMENT_XML = "word/document.xml";

    private static final String DOCUMENT_START =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document"
                    + " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body>";

    private static final String DOCUMENT_END = "</w:body></w:document>";

    private HostileFixtures() {}

    /**
     * A valid Word document whose {@code word/document.xml} inflates to about {@code megabytes} MB
     * of repetitive paragraphs, while the file itself stays a thousand times smaller.
     */
    public static byte[] docxZipBomb(int megabytes) {
        return docxWithBody(Deflater.BEST_COMPRESSION, zip -> writeHugeBody(zip, megabytes));
    }

    /**
     * A valid Word document whose body is a table in a cell of a table in a cell... {@code depth}
     * levels deep, with one sentence at the bottom: a parser that recurses per level runs out of
     * stack, one that counts levels stops at its limit.
     */
    public static byte[] deeplyNestedDocx(int depth) {
        // stored without compression: a nest, not a zip bomb
        return docxWithBody(
                Deflater.NO_COMPRESSION,
                zip -> {
                    Writer xml = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                    xml.write(DOCUMENT_START);
                    String open = "<w:tbl><w:tr><w:tc>";
                    String close = "<w:p/></w:tc></w:tr></w:tbl>";
                    for (int i = 0; i < depth; i++) {
                        xml.write(open);
                    }
                    xml.write("<w:p><w:r><w:t>The bottom of the nest.</w:t></w:r></w:p>");
                    for (int i = 0; i < depth; i++) {
                        xml.write(close);
                    }
                    xml.write(DOCUMENT_END);
                    xml.flush();
                });
    }

    /**
     * A PDF of {@code pages} real pages (each its own page object) sharing one short content
     * stream: a few megabytes, and more pages than any manual.
     */
    public static byte[] pdfWithPages(int pages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        String content = "BT /F1 12 Tf 20 100 Td (Every page of this file says the same.) Tj ET";
        int firstPage = 5;
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            kids.append(firstPage + i).append(" 0 R ");
        }
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        objects.add("<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>");
        objects.add("<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        String page =
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 3 0 R"
                        + " /Resources << /Font << /F1 4 0 R >> >> >>";
        for (int i = 0; i < pages; i++) {
            objects.add(page);
        }
        write(out, "%PDF-1.4\n");
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n");
        table.append("0000000000 65535 f \n");
        offsets.forEach(offset -> table.append("%010d 00000 n \n".formatted(offset)));
        table.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        write(out, table.toString());
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private interface BodyWriter {
        void write(ZipOutputStream zip) throws IOException;
    }

    /** A Word document whose {@code word/document.xml} the writer writes. */
    private static byte[] docxWithBody(int level, BodyWriter body) {
        byte[] template = WordProcessingFixtures.docx(FixtureText.titled("Quarterly report"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(level);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(DOCUMENT_XML)) {
                    body.write(zip);
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeHugeBody(ZipOutputStream zip, int megabytes) throws IOException {
        Writer xml = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        xml.write(DOCUMENT_START);
        String paragraph =
                "<w:p><w:r><w:t>All work and no play makes a dull report.</w:t></w:r></w:p>";
        long repeats = (long) megabytes * 1024 * 1024 / paragraph.length();
        for (long i = 0; i < repeats; i++) {
            xml.write(paragraph);
        }
        xml.write(DOCUMENT_END);
        xml.flush();
    }

    /**
     * An HTML page whose body is {@code depth} nested {@code <blockquote>} elements. (Tika keeps
     * blockquotes in its XHTML output; nested {@code <div>}s it flattens, so they are no bomb.)
     */
    public static byte[] htmlNestingBomb(int depth) {
        String html =
                "<!DOCTYPE html><html><head><title>Nested</title></head><body>"
                        + "<blockquote>".repeat(depth)
                        + "deep inside"
                        + "</blockquote>".repeat(depth)
                        + "</body></html>";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** A PDF of about {@code pages} pages of ordinary text: slow to parse, harmless otherwise. */
    public static byte[] longPdf(int pages) {
        String paragraph =
                "Section %d of the archive records the minutes of a meeting that went on for a long"
                        + " time, with every speaker given the floor in turn and every motion read"
                        + " out in full before the vote, as the statutes of the society require.";
        FixtureText text = FixtureText.titled("Archive of minutes");
        for (int page = 1; page <= pages; page++) {
            String[] paragraphs = new String[13];
            for (int i = 0; i < paragraphs.length; i++) {
                paragraphs[i] = paragraph.formatted(page * 10 + i);
            }
            text = text.section("Meeting " + page, paragraphs);
        }
        return PdfFixtures.pdf(text);
    }
}
