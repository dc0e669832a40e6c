package com.verity.ingestion;

import java.io.IOException;
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
    AutoDetectParser autoDetectParser(TikaConfig tika, IngestionProperties properties) {
        AutoDetectParser parser = new AutoDetectParser(tika);
        AutoDetectParserConfig limits = new AutoDetectParserConfig();
        limits.setMaximumCompressionRatio(properties.maxCompressionRatio());
        limits.setMaximumDepth(properties.maxNestingDepth());
        limits.setMaximumPackageEntryDepth(properties.maxPackageEntryDepth());
        limits.setOutputThreshold(1_000_000);
        parser.setAutoDetectParserConfig(limits);
        return parser;
    }
}
