package com.verity.ingestion;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether and how documents are OCR'd: Tika's Tesseract parser reads images, and PDF pages without
 * a text layer are rendered and read the same way (Tika's "auto" strategy, which leaves pages with
 * text alone). Tesseract is looked for once at start-up; without it (or with OCR switched off) such
 * documents fail with a reason that says what to do.
 */
@Component
class Ocr {

    private static final Logger log = LoggerFactory.getLogger(Ocr.class);

    /** The package that brings Tesseract, named in reasons. */
    static final String PACKAGE = "tesseract-ocr";

    private final OcrProperties properties;
    private final boolean installed;
    private final String languages;

    @org.springframework.beans.factory.annotation.Autowired
    Ocr(OcrProperties properties) {
        this(properties, new TesseractOCRParser());
    }

    private Ocr(OcrProperties properties, TesseractOCRParser tesseract) {
        this(properties, hasTesseract(tesseract), tesseract.getLangs());
    }

    /** For a machine with or without Tesseract and these language data. */
    Ocr(OcrProperties properties, boolean installed, Set<String> installedLanguages) {
        this.properties = properties;
        this.installed = installed;
        this.languages =
                installed ? installedLanguages(installedLanguages) : properties.languages();
        if (!installed) {
            log.warn(
                    "Tesseract OCR is not installed: scanned PDFs and images will fail. Install the"
                            + " {} package (scripts/ensure-tesseract.sh does) and restart.",
                    PACKAGE);
        } else if (properties.enabled()) {
            log.info("OCR with Tesseract in {}", languages);
        }
    }

    private static boolean hasTesseract(TesseractOCRParser tesseract) {
        try {
            return tesseract.hasTesseract();
        } catch (TikaConfigException e) {
            return false;
        }
    }

    private String installedLanguages(Set<String> installedLangs) {
        List<String> wanted = Arrays.asList(properties.languages().split("\\+"));
        List<String> usable = wanted.stream().filter(installedLangs::contains).toList();
        if (usable.size() < wanted.size()) {
            log.warn(
                    "Tesseract lacks the language data {} of verity.ingestion.ocr.languages;"
                            + " install tesseract-ocr-<language> packages for them",
                    wanted.stream().filter(l -> !installedLangs.contains(l)).toList());
        }
        return usable.isEmpty() ? "eng" : String.join("+", usable);
    }

    /** Whether documents are OCR'd here. */
    boolean active() {
        return installed && properties.enabled();
    }

    /** The language data OCR reads with, {@code +}-separated. */
    String languages() {
        return languages;
    }

    /** Sets up a parse: OCR of images and text-less PDF pages, or none. */
    static void configure(
            ParseContext context,
            boolean active,
            String languages,
            int pageTimeoutSeconds,
            int dpi) {
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        tesseract.setSkipOcr(!active);
        tesseract.setLanguage(languages);
        tesseract.setTimeoutSeconds(pageTimeoutSeconds);
        context.set(TesseractOCRConfig.class, tesseract);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(
                active ? PDFParserConfig.OCR_STRATEGY.AUTO : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setOcrDPI(dpi);
        context.set(PDFParserConfig.class, pdf);
    }

    /** Why a document that needs OCR (an image, a scan) yielded no text here, and what to do. */
    String whyNoText(String contentType) {
        String what =
                contentType.startsWith("image/")
                        ? "the image"
                        : "no text could be extracted: the pages have no text layer (a scan?) and";
        if (!installed) {
            return what
                    + " can only be read with OCR, and Tesseract is not installed: install the "
                    + PACKAGE
                    + " package (with tesseract-ocr-deu, -fra, -spa for those languages) and"
                    + " re-upload or re-index";
        }
        if (!properties.enabled()) {
            return what
                    + " can only be read with OCR, which is switched off"
                    + " (verity.ingestion.ocr.enabled)";
        }
        return contentType.startsWith("image/")
                ? "OCR found no text in the image"
                : "no text could be extracted, not even by OCR";
    }
}
