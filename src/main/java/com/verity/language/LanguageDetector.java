package com.verity.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.springframework.stereotype.Component;

/**
 * Tells the language of a document's text or a question, with Tika's OpenNLP detector (a model of
 * 103 languages, shipped in its jar). Of the detector's ranked guesses the best one Verity has a
 * text-search configuration for is taken: for short texts the first guess is often a close
 * neighbour (Galician for Portuguese, Swiss German for German) that the second corrects.
 */
@Component
public class LanguageDetector {

    /** Enough text to tell; more only costs time. */
    private static final int SAMPLE_CHARS = 20_000;

    /** Guesses considered, best first. */
    private static final int GUESSES = 3;

    public LanguageDetector() {
        try {
            new OpenNLPDetector().loadModels();
        } catch (IOException e) {
            throw new UncheckedIOException("the language detector's model could not be read", e);
        }
    }

    /** The text's language, or empty when it has no letters to tell by or none of ours fits. */
    public Optional<Language> detect(String text) {
        return detect(text, EnumSet.allOf(Language.class), GUESSES);
    }

    /**
     * The text's language among some (those of a collection's documents, for a question): of the
     * detector's guesses, the best among them. Short texts are hard to tell; knowing which
     * languages can be meant keeps an English question from being taken for Frisian.
     */
    public Optional<Language> detectAmong(String text, Set<Language> candidates) {
        return detect(text, candidates, Integer.MAX_VALUE);
    }

    private Optional<Language> detect(String text, Set<Language> candidates, int guessesTaken) {
        if (text == null || text.codePoints().noneMatch(Character::isLetter)) {
            return Optional.empty();
        }
        OpenNLPDetector detector = new OpenNLPDetector();
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        detector.addText(sample);
        List<LanguageResult> guesses = detector.detectAll();
        return guesses.stream()
                .limit(guessesTaken)
                .map(guess -> Language.ofDetectorCode(guess.getLanguage()))
                .flatMap(Optional::stream)
                .filter(candidates::contains)
                .findFirst();
    }
}
