package com.verity.ingestion;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reading scanned PDFs and images with Tesseract OCR (through Tika), when Tesseract is installed.
 *
 * @param enabled false: pages without a text layer and images are not read (such images fail)
 * @param languages Tesseract's language data to read with, {@code +}-separated (those not installed
 *     are left out, with a warning at start-up)
 * @param pageTimeout longest OCR of one page or image; a page that takes longer fails the document
 * @param dpi resolution PDF pages are rendered at for OCR
 */
@Validated
@ConfigurationProperties("verity.ingestion.ocr")
public record OcrProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("eng+deu+fra+spa") @NotBlank String languages,
        @DefaultValue("60s") Duration pageTimeout,
        @DefaultValue("300") @Min(72) @Max(600) int dpi) {}
