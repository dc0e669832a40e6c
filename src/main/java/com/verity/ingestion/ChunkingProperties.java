package com.verity.ingestion;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How documents are cut into passages, per content type; loaded from {@code
 * ingest-config/ingest.yaml}. A profile for a content type overrides only the settings it names.
 */
@Validated
@ConfigurationProperties("verity.chunking")
public record ChunkingProperties(
        @DefaultValue @Valid @NotNull Profile defaultProfile, Map<String, Profile> profiles) {

    public ChunkingProperties {
        profiles = profiles == null ? Map.of() : new TreeMap<>(profiles);
        if (defaultProfile.maxTokens() == null
                || defaultProfile.overlapTokens() == null
                || defaultProfile.minTokens() == null
                || defaultProfile.structure() == null) {
            throw new IllegalArgumentException(
                    "verity.chunking.default-profile must set max-tokens, overlap-tokens,"
                            + " min-tokens and structure");
        }
    }

    /** Passage layout for one content type; null fields fall back to the default profile. */
    public record Profile(
            Integer maxTokens, Integer overlapTokens, Integer minTokens, Structure structure) {

        public Profile {
            if (maxTokens != null && (maxTokens < 32 || maxTokens > 2048)) {
                throw new IllegalArgumentException(
                        "max-tokens must be between 32 and 2048, was " + maxTokens);
            }
            if (overlapTokens != null && overlapTokens < 0) {
                throw new IllegalArgumentException("overlap-tokens must not be negative");
            }
        }

        Profile orElse(Profile fallback) {
            return new Profile(
                    maxTokens != null ? maxTokens : fallback.maxTokens,
                    overlapTokens != null ? overlapTokens : fallback.overlapTokens,
                    minTokens != null ? minTokens : fallback.minTokens,
                    structure != null ? structure : fallback.structure);
        }
    }

    public enum Structure {
        HEADINGS,
        PLAIN_TEXT,
        SLIDES,
        SHEETS
    }

    /** The complete profile for a content type. */
    Profile profileFor(String contentType) {
        Profile specific = profiles.get(contentType);
        Profile resolved = specific == null ? defaultProfile : specific.orElse(defaultProfile);
        if (resolved.overlapTokens() >= resolved.maxTokens() / 2) {
            throw new IllegalArgumentException(
                    "overlap-tokens must be less than half of max-tokens for " + contentType);
        }
        return resolved;
    }

    /** Identifies these settings, so an index generation records how its passages were cut. */
    String fingerprint() {
        return Integer.toHexString((defaultProfile + "|" + profiles).hashCode());
    }
}
