package com.verity.language;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which PostgreSQL text-search configuration indexes text of a language: the language's own where
 * the server has it (every one of {@link Language} since PostgreSQL 15), otherwise {@code simple},
 * which keeps words as they are and still matches them exactly.
 */
@Component
public class TextSearchConfigs {

    /** Words as they are, no stemming, no stop words: for unknown languages. */
    public static final String SIMPLE = "simple";

    private final JdbcClient jdbc;
    private final AtomicReference<Set<String>> available = new AtomicReference<>();

    TextSearchConfigs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The configuration for text in that language, {@code simple} for none. */
    public String forLanguage(Optional<Language> language) {
        return language.map(Language::textSearchConfig)
                .filter(config -> available().contains(config))
                .orElse(SIMPLE);
    }

    private Set<String> available() {
        Set<String> known = available.get();
        if (known == null) {
            known =
                    Set.copyOf(
                            jdbc.sql("select cfgname from pg_ts_config")
                                    .query(String.class)
                                    .list());
            available.set(known);
        }
        return known;
    }
}
