package com.verity.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Word-processing documents: Word (.docx, with Apache POI), OpenDocument text (.odt) and RTF. Each
 * has the title as a heading or in bold, sections, paragraphs, a list and a table.
 */
public final class WordProcessingFixtures {

    private WordProcessingFixtures() {}

    /**
     * A Word document: the title styled "heading 1", section headings "heading 2", paragraphs, a
     * bulleted list and a table. The core properties carry no title.
     */
    public static byte[] docx(FixtureText text) {
        try (XWPFDocument document = new XWPFDocument()) {
            XWPFStyles styles = document.createStyles();
            addHeadingStyle(styles, 1);
            addHeadingStyle(styles, 2);
            paragraph(document, text.title()).setStyle("Heading1");
            for (FixtureText.Section section : text.sections()) {
                paragraph(document, section.heading()).setStyle("Heading2");
                section.paragraphs().forEach(p -> paragraph(document, p));
            }
            if (!text.items().isEmpty()) {
                BigInteger bullets = bulletNumbering(document.createNumbering());
                text.items().forEach(item -> paragraph(document, item).setNumID(bullets));
            }
            if (!text.rows().isEmpty()) {
                List<List<String>> rows = text.rows();
                XWPFTable table = document.createTable(rows.size(), rows.get(0).size());
                for (int r = 0; r < rows.size(); r++) {
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        table.getRow(r).getCell(c).setText(rows.get(r).get(c));
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenDocument text: {@code content.xml} with headings, paragraphs, a list and a table. */
    public static byte[] odt(FixtureText text) {
        StringBuilder body = new StringBuilder(heading(1, text.title()));
        for (FixtureText.Section section : text.sections()) {
            body.append(heading(2, section.heading()));
            section.paragraphs().forEach(p -> body.append(odfParagraph(p)));
        }
        if (!text.items().isEmpty()) {
            body.append("<text:list>");
            text.items()
                    .forEach(
                            i ->
                                    body.append("<text:list-item>")
                                            .append(odfParagraph(i))
                                            .append("</text:list-item>"));
            body.append("</text:list>");
        }
        if (!text.rows().isEmpty()) {
            body.append("<table:table table:name=\"Table1\">");
            for (List<String> row : text.rows()) {
                body.append("<table:table-row>");
                row.forEach(
                        c ->
                                body.append("<table:table-cell>")
                                        .append(odfParagraph(c))
                                        .append("</table:table-cell>"));
                body.append("</table:table-row>");
            }
            body.append("</table:table>");
        }
        return OpenDocumentPackage.text(body.toString());
    }

    /**
     * An RTF document: the title in the info block and as a large bold line, section headings in
     * bold, paragraphs, bulleted items and table rows as tab-separated lines.
     */
    public static byte[] rtf(FixtureText text) {
        StringBuilder rtf = new StringBuilder("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Helvetica;}}");
        rtf.append("{\\info{\\title ").append(rtfEscape(text.title())).append("}}\n");
        rtf.append("\\f0\\fs32\\b ").append(rtfEscape(text.title())).append("\\b0\\fs22\\par\n");
        for (FixtureText.Section section : text.sections()) {
            rtf.append("\\b ").append(rtfEscape(section.heading())).append("\\b0\\par\n");
            section.paragraphs().forEach(p -> rtf.append(rtfEscape(p)).append("\\par\n"));
        }
        text.items().forEach(i -> rtf.append("\\bullet  ").append(rtfEscape(i)).append("\\par\n"));
        for (List<String> row : text.rows()) {
            rtf.append(
                            row.stream()
                                    .map(WordProcessingFixtures::rtfEscape)
                                    .collect(Collectors.joining("\\tab ")))
                    .append("\\par\n");
        }
        return rtf.append("}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static XWPFParagraph paragraph(XWPFDocument document, String text) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.createRun().setText(text);
        return paragraph;
    }

    /**
     * Word finds headings by style name ("heading 1"), so the style must exist, not just its id.
     */
    private static void addHeadingStyle(XWPFStyles styles, int level) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId("Heading" + level);
        style.setType(STStyleType.PARAGRAPH);
        style.addNewName().setVal("heading " + level);
        styles.addStyle(new XWPFStyle(style, styles));
    }

    private static BigInteger bulletNumbering(XWPFNumbering numbering) {
        CTAbstractNum bullets = CTAbstractNum.Factory.newInstance();
        bullets.setAbstractNumId(BigInteger.ZERO);
        CTLvl level = bullets.addNewLvl();
        level.setIlvl(BigInteger.ZERO);
        level.addNewNumFmt().setVal(STNumberFormat.BULLET);
        level.addNewLvlText().setVal("\u2022");
        level.addNewStart().setVal(BigInteger.ONE);
        return numbering.addNum(numbering.addAbstractNum(new XWPFAbstractNum(bullets)));
    }

    private static String heading(int level, String text) {
        return "<text:h text:outline-level=\"%d\">%s</text:h>"
                .formatted(level, MarkupFixtures.escape(text));
    }

    private static String odfParagraph(String text) {
        return "<text:p>" + MarkupFixtures.escape(text) + "</text:p>";
    }

    /** RTF is 7-bit: escape the control characters, write anything else as a Unicode escape. */
    private static String rtfEscape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '{' || c == '}') {
                escaped.append('\\').append(c);
            } else if (c > 127) {
                escaped.append("\\u").append((int) (short) c).append('?');
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
