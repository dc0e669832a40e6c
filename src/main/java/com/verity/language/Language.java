package com.verity.language;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Verity tells apart: those PostgreSQL has a text-search configuration (a stemmer and
 * stop words) for. Each has its ISO 639-1 code (as users write it and the document JSON shows it),
 * the ISO 639-3 codes the detector answers with, and the configuration's name. Text in any other
 * language is indexed with PostgreSQL's {@code simple} configuration (words as they are).
 */
public enum Language {
    ARABIC("ar", "arabic", "ara", "arb"),
    ARMENIAN("hy", "armenian", "hye"),
    BASQUE("eu", "basque", "eus"),
    CATALAN("ca", "catalan", "cat"),
    DANISH("da", "danish", "dan"),
    DUTCH("nl", "dutch", "nld"),
    ENGLISH("en", "english", "eng"),
    FINNISH("fi", "finnish", "fin"),
    FRENCH("fr", "french", "fra"),
    GERMAN("de", "german", "deu", "gsw"),
    GREEK("el", "greek", "ell"),
    HINDI("hi", "hindi", "hin"),
    HUNGARIAN("hu", "hungarian", "hun"),
    INDONESIAN("id", "indonesian", "ind"),
    IRISH("ga", "irish", "gle"),
    ITALIAN("it", "italian", "ita"),
    LITHUANIAN("lt", "lithuanian", "lit"),
    NEPALI("ne", "nepali", "nep", "npi"),
    NORWEGIAN("no", "norwegian", "nor", "nob", "nno"),
    PORTUGUESE("pt", "portuguese", "por"),
    ROMANIAN("ro", "romanian", "ron"),
    RUSSIAN("ru", "russian", "rus"),
    SERBIAN("sr", "serbian", "srp"),
    SPANISH("es", "spanish", "spa"),
    SWEDISH("sv", "swedish", "swe"),
    TAMIL("ta", "tamil", "tam"),
    TURKISH("tr", "turkish", "tur"),
    YIDDISH("yi", "yiddish", "yid");

    private final String code;
    private final String textSearchConfig;
    private final String[] detectorCodes;

    Language(String code, String textSearchConfig, String... detectorCodes) {
        this.code = code;
        this.textSearchConfig = textSearchConfig;
        this.detectorCodes = detectorCodes;
    }

    /** ISO 639-1, e.g. {@code de}. */
    public String code() {
        return code;
    }

    /** The PostgreSQL text-search configuration named for the language. */
    public String textSearchConfig() {
        return textSearchConfig;
    }

    /** Every code, for messages that say what may be given. */
    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(Language::code).sorted().toList());
    }

    /** The language whose text-search configuration this is, if any. */
    public static Optional<Language> ofTextSearchConfig(String config) {
        return Arrays.stream(values()).filter(l -> l.textSearchConfig.equals(config)).findFirst();
    }

    /** The language of an ISO 639-1 code, in any case. */
    public static Optional<Language> ofCode(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.code.equals(wanted)).findFirst();
    }

    static Optional<Language> ofDetectorCode(String detectorCode) {
        return Arrays.stream(values())
                .filter(l -> Arrays.asList(l.detectorCodes).contains(detectorCode))
                .findFirst();
    }
}
