package com.verity.ingestion;

import java.io.IOException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TikaConfiguration {

    @Bean
    TikaConfig tikaConfig() throws TikaException, IOException {
        return new TikaConfig(TikaConfiguration.class.getClassLoader());
    }

    /** Tika's auto-detecting parser with the zip-bomb and nesting guards set from configuration. */
    @Bean
    AutoDetectParser autoDetectParser(TikaConfig tika, ParserSettings settings) {
        return limitedParser(tika, settings);
    }

    /** What the service and the parser processes read the limits and OCR settings from. */
    @Bean
    ParserSettings parserSettings(
            IngestionProperties ingestion, Ocr ocr, OcrProperties ocrProperties) {
        return new ParserSettings(
                ingestion.maxExtractedChars(),
                ingestion.maxNestingDepth(),
                ingestion.maxPackageEntryDepth(),
                ingestion.maxCompressionRatio(),
                ingestion.maxEmbeddedResources(),
                java.util.List.copyOf(ingestion.supportedTypes()),
                ingestion.parseTimeout(),
                ocr.active(),
                ocr.languages(),
                (int) Math.max(1, ocrProperties.pageTimeout().toSeconds()),
                ocrProperties.dpi());
    }

    static AutoDetectParser limitedParser(TikaConfig tika, ParserSettings settings) {
        AutoDetectParser parser = new AutoDetectParser(tika);
        AutoDetectParserConfig limits = new AutoDetectParserConfig();
        limits.setMaximumCompressionRatio(settings.maxCompressionRatio());
        limits.setMaximumDepth(settings.maxNestingDepth());
        limits.setMaximumPackageEntryDepth(settings.maxPackageEntryDepth());
        limits.setOutputThreshold(1_000_000);
        parser.setAutoDetectParserConfig(limits);
        // Tika switches POI's own zip-bomb check off when it loads its OOXML parser and relies on
        // output counting instead, which the extracted-text limit pre-empts for any file over
        // max-extracted-chars / max-compression-ratio bytes; POI would meanwhile inflate the whole
        // part into memory. Switch the check back on with the same ratio.
        ZipSecureFile.setMinInflateRatio(1.0 / settings.maxCompressionRatio());
        return parser;
    }
}
