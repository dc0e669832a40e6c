package com.verity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.tika.Tika;
import org.junit.jupiter.api.Test;

/** The fixtures are the formats they claim to be, and carry the text they were given. */
class FixturesTest {

    private static final FixtureText TEXT =
            FixtureText.titled("Warranty claims")
                    .section(
                            "Who may claim",
                            "Customers claim within two years of delivery.",
                            "The marmalade clause covers spills on keyboards.")
                    .items("Keep the receipt", "Describe the fault")
                    .row("Product", "Period")
                    .row("Laptop", "24 months");

    private final Tika tika = new Tika();

    @Test
    void everyFormatIsDetectedFromItsContentAndCarriesItsText() throws Exception {
        assertFormat(PdfFixtures::pdf, "application/pdf");
        assertFormat(
                WordProcessingFixtures::docx,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertFormat(WordProcessingFixtures::odt, "application/vnd.oasis.opendocument.text");
        assertFormat(WordProcessingFixtures::rtf, "application/rtf");
        assertFormat(
                PresentationFixtures::pptx,
                "application/vnd.openxmlformats-officedocument.presentationml.presentation");
        assertFormat(PresentationFixtures::ppt, "application/vnd.ms-powerpoint");
        assertFormat(MarkupFixtures::html, "text/html");
        assertFormat(MarkupFixtures::plainText, "text/plain");
        assertFormat(
                text -> MailFixtures.eml("Ann <ann@example.com>", "Support <s@example.com>", text),
                "message/rfc822");
        assertFormat(
                text ->
                        MailFixtures.msg(
                                "Ann Smith",
                                "ann@example.com",
                                "Support",
                                "support@example.com",
                                text),
                "application/vnd.ms-outlook");
    }

    @Test
    void workbooksHoldTheTableRows() throws Exception {
        byte[] xlsx = SpreadsheetFixtures.xlsx(TEXT);
        byte[] xls = SpreadsheetFixtures.xls(TEXT);

        assertThat(tika.detect(xlsx))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(tika.detect(xls)).isEqualTo("application/vnd.ms-excel");
        assertThat(tika.parseToString(new ByteArrayInputStream(xlsx))).contains("24 months");
        assertThat(tika.parseToString(new ByteArrayInputStream(xls))).contains("24 months");
    }

    @Test
    void markdownKeepsHeadingsListsAndTable() {
        String markdown = new String(MarkupFixtures.markdown(TEXT), StandardCharsets.UTF_8);
        assertThat(markdown)
                .startsWith("# Warranty claims\n")
                .contains("## Who may claim", "- Keep the receipt", "| Laptop | 24 months |");
    }

    @Test
    void outlookMessageReadsBackWithPoi() throws Exception {
        byte[] msg =
                MailFixtures.msg(
                        "Ann Smith", "ann@example.com", "Support", "support@example.com", TEXT);
        try (MAPIMessage message = new MAPIMessage(new ByteArrayInputStream(msg))) {
            assertThat(message.getSubject()).isEqualTo("Warranty claims");
            assertThat(message.getTextBody()).contains("marmalade clause");
            assertThat(message.getDisplayFrom()).isEqualTo("Ann Smith");
            assertThat(message.getDisplayTo()).isEqualTo("Support");
            assertThat(message.getMessageDate().toInstant()).isEqualTo(MailFixtures.SENT);
        }
    }

    @Test
    void zipBombIsSmallOnDiskAndHugeInflated() throws Exception {
        byte[] bomb = HostileFixtures.docxZipBomb(40);

        long inflated = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bomb))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                inflated += zip.transferTo(OutputStream.nullOutputStream());
            }
        }

        assertThat(bomb.length).isLessThan(200_000);
        assertThat(inflated).isGreaterThan(40L * 1024 * 1024);
        assertThat(tika.detect(bomb))
                .isEqualTo(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void longPdfHasHundredsOfPages() throws Exception {
        byte[] pdf = HostileFixtures.longPdf(300);
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void unsupportedFilesAreWhatTheySeem() {
        assertThat(tika.detect(UnsupportedFixtures.gif())).isEqualTo("image/gif");
        assertThat(tika.detect(UnsupportedFixtures.zip())).isEqualTo("application/zip");
        assertThat(tika.detect(UnsupportedFixtures.noise(4096)))
                .isEqualTo("application/octet-stream");
    }

    private void assertFormat(Function<FixtureText, byte[]> build, String contentType)
            throws Exception {
        byte[] bytes = build.apply(TEXT);
        assertThat(tika.detect(bytes)).as(contentType).isEqualTo(contentType);
        assertThat(tika.parseToString(new ByteArrayInputStream(bytes)))
                .as(contentType)
                .contains("marmalade clause");
    }
}
