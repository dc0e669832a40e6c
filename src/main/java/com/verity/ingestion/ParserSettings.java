package com.verity.ingestion;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Everything a parse needs to know, sent once to each parser process: the limits of {@code
 * verity.ingestion.*} and how to OCR.
 */
record ParserSettings(
        int maxExtractedChars,
        int maxNestingDepth,
        int maxPackageEntryDepth,
        long maxCompressionRatio,
        int maxEmbeddedResources,
        List<String> supportedTypes,
        Duration parseTimeout,
        boolean ocrActive,
        String ocrLanguages,
        int ocrPageTimeoutSeconds,
        int ocrDpi)
        implements Serializable {}
