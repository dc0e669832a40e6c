package com.verity.assistant;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text side of citation checking: citation markers ({@code [2]}, {@code [1, 3]}), sentences
 * with the markers that belong to them, and the content words two texts are compared on.
 */
final class AnswerText {

    /** A sentence of the answer and the passage numbers it cites. */
    record Sentence(String text, List<Integer> cited) {}

    /** A sentence of a passage and where it starts and ends in the passage's text. */
    record Span(String text, int start, int end) {}

    private static final Pattern MARKER_THEN_SENTENCE = Pattern.compile("(?<=])\\s+(?=\\p{Lu})");
    private static final Pattern LEADING_MARKERS = Pattern.compile("\\A(\\s*\\[[\\d,;\\s]+])+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOPWORDS =
            Set.of(
                    "the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can",
                    "has", "have", "had", "was", "were", "with", "this", "that", "these", "those",
                    "from", "they", "them", "their", "there", "then", "than", "will", "would",
                    "shall", "should", "may", "might", "must", "its", "into", "onto", "also",
                    "each", "which", "who", "whom", "what", "when", "where", "why", "how", "been",
                    "being", "does", "did", "doing", "such", "only", "own", "same", "other", "some",
                    "more", "most", "very", "our", "out", "off", "per", "via", "about", "over",
                    "under");

    private AnswerText() {}

    /**
     * The answer's sentences, each with the numbers it cites. Markers that open a sentence ("...
     * days. [2] Next") belong to the sentence before them.
     */
    static List<Sentence> sentences(String answer) {
        List<String> pieces = split(answer);
        List<Sentence> sentences = new ArrayList<>();
        for (String piece : pieces) {
            Matcher leading = LEADING_MARKERS.matcher(piece);
            if (leading.find() && !sentences.isEmpty()) {
                Sentence previous = sentences.remove(sentences.size() - 1);
                String moved = previous.text() + " " + leading.group().strip();
                sentences.add(new Sentence(moved, cited(moved)));
                piece = piece.substring(leading.end());
            }
            if (!piece.isBlank()) {
                sentences.add(new Sentence(piece.strip(), cited(piece)));
            }
        }
        return sentences;
    }

    /** A passage's sentences with their offsets in its text. */
    static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        iterator.setText(text);
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; end = iterator.next()) {
            String sentence = text.substring(start, end);
            int lead = sentence.length() - sentence.stripLeading().length();
            String stripped = sentence.strip();
            if (!stripped.isEmpty()) {
                spans.add(new Span(stripped, start + lead, start + lead + stripped.length()));
            }
            start = end;
        }
        return spans;
    }

    /** Lower-cased content words with plural and tense endings cut, for overlap counting. */
    static Set<String> contentWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(CitationMarkers.PATTERN.matcher(text).replaceAll(" "));
        while (matcher.find()) {
            String word = matcher.group().toLowerCase(Locale.ROOT);
            if (word.length() >= 3 && !STOPWORDS.contains(word)) {
                words.add(stem(word));
            }
        }
        return words;
    }

    /** Share of {@code words} that also occur in {@code in}. */
    static double overlap(Set<String> words, Set<String> in) {
        if (words.isEmpty()) {
            return 0;
        }
        return words.stream().filter(in::contains).count() / (double) words.size();
    }

    private static String stem(String word) {
        for (String suffix : List.of("ies", "ing", "ed", "es", "s")) {
            if (word.length() > suffix.length() + 3 && word.endsWith(suffix)) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    private static List<Integer> cited(String text) {
        List<Integer> cited = new ArrayList<>();
        Matcher matcher = CitationMarkers.PATTERN.matcher(text);
        while (matcher.find()) {
            for (int n : CitationMarkers.numbers(matcher.group(1))) {
                if (!cited.contains(n)) {
                    cited.add(n);
                }
            }
        }
        return cited;
    }

    private static List<String> split(String answer) {
        List<String> pieces = new ArrayList<>();
        for (String line : answer.split("\\R")) {
            BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            iterator.setText(line);
            int start = iterator.first();
            for (int end = iterator.next(); end != BreakIterator.DONE; end = iterator.next()) {
                // "... replaced. [1] Call us." is one sentence to BreakIterator
                pieces.addAll(List.of(MARKER_THEN_SENTENCE.split(line.substring(start, end))));
                start = end;
            }
        }
        return pieces;
    }
}
