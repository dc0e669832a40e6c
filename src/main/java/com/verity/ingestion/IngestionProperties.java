package com.verity.ingestion;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and pacing of document ingestion.
 *
 * @param maxFileSize largest file accepted (413 above it)
 * @param maxRequestSize largest multipart request (all files together)
 * @param maxExtractedChars text kept per document; beyond it the document is flagged truncated
 * @param parseTimeout a parse that takes longer fails the document
 * @param maxNestingDepth deepest XML element nesting accepted (nesting bombs)
 * @param maxPackageEntryDepth deepest nesting of archives/attachments inside a file
 * @param maxCompressionRatio largest output/input ratio of compressed content (zip bombs)
 * @param maxEmbeddedResources attachments and embedded files parsed per document
 * @param workers documents processed in parallel by this instance
 * @param pollInterval how often an idle worker looks for work uploaded by other instances
 * @param lease how long a claimed document stays with its worker without a renewal; renewed every
 *     third of it while the worker runs, so a dead worker's document is taken over after at most
 *     this
 * @param maxAttempts tries before a transient failure becomes FAILED
 * @param retryBackoff wait before the first retry, doubled for each further one
 * @param statisticsFoldInterval how often the full-text statistics' change rows are folded (their
 *     sums are exact at any time; folding keeps them short to read)
 * @param supportedTypes the document formats accepted, exactly (no sub-types: JavaScript, SVG and
 *     other script-capable text formats are refused); attachments and embedded files of other types
 *     are skipped
 */
@Validated
@ConfigurationProperties("verity.ingestion")
public record IngestionProperties(
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue("500MB") DataSize maxRequestSize,
        @DefaultValue("5000000") @Min(1000) int maxExtractedChars,
        @DefaultValue("60s") Duration parseTimeout,
        @DefaultValue("100") @Min(1) int maxNestingDepth,
        @DefaultValue("10") @Min(1) int maxPackageEntryDepth,
        @DefaultValue("100") @Min(2) long maxCompressionRatio,
        @DefaultValue("1000") @Min(0) int maxEmbeddedResources,
        @DefaultValue("3") @Min(0) int workers,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("10s") Duration statisticsFoldInterval,
        @DefaultValue({
                    "application/pdf",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.ms-word.document.macroenabled.12",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
                    "application/vnd.ms-powerpoint.presentation.macroenabled.12",
                    "application/vnd.ms-excel.sheet.macroenabled.12",
                    "application/msword",
                    "application/vnd.ms-powerpoint",
                    "application/vnd.ms-excel",
                    "application/vnd.oasis.opendocument.text",
                    "application/vnd.oasis.opendocument.spreadsheet",
                    "application/vnd.oasis.opendocument.presentation",
                    "application/rtf",
                    "text/html",
                    "application/xhtml+xml",
                    "application/xml",
                    "text/markdown",
                    "text/plain",
                    "text/csv",
                    "message/rfc822",
                    "application/vnd.ms-outlook",
                    "image/png",
                    "image/jpeg",
                    "image/tiff"
                })
                @NotEmpty
                List<String> supportedTypes) {}
