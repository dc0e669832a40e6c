package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.ScanFixtures;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Scanned PDFs and photos of notices are read with Tesseract: their text is found by search, and
 * the document says it was OCR'd and how many pages. (scripts/test.sh installs Tesseract.)
 */
@IntegrationTest
class OcrTest {

    @Autowired VerityApi api;

    @Test
    void aPhotoOfANoticeAndAScannedPdfAreReadAndFound() {
        String collection = api.newCollection("scans");
        Map<String, Object> photo =
                indexed(
                        collection,
                        new Upload(
                                "gate-notice.png",
                                ScanFixtures.png(
                                        List.of(
                                                "Visitor badges are collected",
                                                "at the north gate after six.")),
                                "image/png"));
        Map<String, Object> scan =
                indexed(
                        collection,
                        new Upload(
                                "boiler-notice.pdf",
                                ScanFixtures.imageOnlyPdf(
                                        List.of(
                                                "The boiler room is inspected",
                                                "every Thursday morning.")),
                                "application/pdf"));

        assertThat(photo).containsEntry("ocr", true).containsEntry("ocrPages", 1);
        assertThat(scan).containsEntry("ocr", true).containsEntry("ocrPages", 1);
        assertThat(api.search(collection, "where are visitor badges collected", 3))
                .first()
                .satisfies(p -> assertThat(p.get("filename")).isEqualTo("gate-notice.png"));
        assertThat(api.search(collection, "when is the boiler room inspected", 3))
                .first()
                .satisfies(p -> assertThat(p.get("filename")).isEqualTo("boiler-notice.pdf"));
    }

    @Test
    void aDocumentWithATextLayerIsNotOcrd() {
        String collection = api.newCollection("text-layer");
        Map<String, Object> document =
                indexed(
                        collection,
                        Upload.of(
                                "hours.pdf",
                                com.verity.support.PdfFixtures.pdf(
                                        com.verity.support.FixtureText.titled("Opening hours")
                                                .section("Weekdays", "We open at nine."))));
        assertThat(document).containsEntry("ocr", false).containsEntry("ocrPages", 0);
    }

    @Test
    void withoutTesseractTheReasonNamesThePackageToInstall() {
        OcrProperties defaults = new OcrProperties(true, "eng+deu", Duration.ofSeconds(60), 300);
        assertThat(new Ocr(defaults, false, Set.of()).whyNoText("image/png"))
                .contains("Tesseract is not installed", "tesseract-ocr");
        assertThat(new Ocr(defaults, false, Set.of()).whyNoText("application/pdf"))
                .contains("no text layer", "tesseract-ocr");
        OcrProperties off = new OcrProperties(false, "eng", Duration.ofSeconds(60), 300);
        assertThat(new Ocr(off, true, Set.of("eng")).whyNoText("image/png"))
                .contains("switched off", "verity.ingestion.ocr.enabled");
    }

    private Map<String, Object> indexed(String collection, Upload upload) {
        Object id = api.accepted(collection, upload).get(0).get("id");
        Map<String, Object> document =
                api.awaitStatus(id, Set.of("INDEXED", "FAILED"), Duration.ofMinutes(2));
        assertThat(document)
                .as("%s: %s", upload.filename(), document.get("error"))
                .containsEntry("status", "INDEXED");
        return document;
    }
}
