package com.verity.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Files built to exhaust a parser: decompression bombs, nesting bombs, very long documents. */
public final class HostileFixtures {

    private static final String DOCUMENT_XML = "word/document.xml";

    private HostileFixtures() {}

    /**
     * A valid Word document whose {@code word/document.xml} inflates to about {@code megabytes} MB
     * of repetitive paragraphs, while the file itself stays a thousand times smaller.
     */
    public static byte[] docxZipBomb(int megabytes) {
        byte[] template = WordProcessingFixtures.docx(FixtureText.titled("Quarterly report"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(DOCUMENT_XML)) {
                    writeHugeBody(zip, megabytes);
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
        xml.write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document"
                        + " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                        + "<w:body>");
        String paragraph =
                "<w:p><w:r><w:t>All work and no play makes a dull report.</w:t></w:r></w:p>";
        long repeats = (long) megabytes * 1024 * 1024 / paragraph.length();
        for (long i = 0; i < repeats; i++) {
            xml.write(paragraph);
        }
        xml.write("</w:body></w:document>");
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
