package com.verity.assistant;

import com.verity.embedding.Embedder;
import com.verity.embedding.Vectors;
import com.verity.retrieval.RetrievedPassage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a generated answer against the passages the model was given. Citations of passages it was
 * not given are removed (and logged); every kept citation carries the passage sentence that best
 * supports the answer and its offsets in the document; answer sentences that cite nothing, or cite
 * only passages that do not say what they say (neither by shared words nor by meaning), are
 * reported.
 */
@Component
class CitationChecker {

    /**
     * The answer with only valid markers, its citations, and the sentences lacking support.
     *
     * @param claims the answer's sentences that state something to check (the others, like "Yes.",
     *     carry too few words); {@code unsupported} are among them
     */
    record Checked(
            String answer,
            List<Citation> citations,
            List<UnsupportedSentence> unsupported,
            int claims) {}

    /** "[Passage 2]", "[source 2, 3]", "[doc #2]": citations written the way chat models like. */
    private static final Pattern NAMED_MARKER =
            Pattern.compile(
                    "\\[(?:passage|source|doc(?:ument)?)s?\\s*#?(\\d{1,3}(?:\\s*[,;]\\s*\\d{1,3})*)]",
                    Pattern.CASE_INSENSITIVE);

    /** Sentences with fewer content words than this carry no claim to check ("Yes."). */
    private static final int MIN_CLAIM_WORDS = 3;

    private static final Logger log = LoggerFactory.getLogger(CitationChecker.class);

    private final Embedder embedder;
    private final AssistantProperties.Support support;

    CitationChecker(Embedder embedder, AssistantProperties properties) {
        this.embedder = embedder;
        this.support = properties.support();
    }

    Checked check(String answer, List<RetrievedPassage> given, String model) {
        String cleaned = removeInvalidMarkers(normalizeMarkers(answer), given.size(), model);
        Map<Integer, Citation> citations = new TreeMap<>();
        Map<Integer, float[]> passageVectors = new HashMap<>();
        List<UnsupportedSentence> unsupported = new ArrayList<>();
        Set<Integer> quotedSupport = new HashSet<>();
        int claims = 0;
        for (AnswerText.Sentence sentence : AnswerText.sentences(cleaned)) {
            Set<String> words = AnswerText.contentWords(sentence.text());
            if (words.size() < MIN_CLAIM_WORDS) {
                continue;
            }
            claims++;
            if (sentence.cited().isEmpty()) {
                unsupported.add(
                        new UnsupportedSentence(sentence.text(), List.of(), "cites no passage"));
                continue;
            }
            boolean supported = false;
            for (int n : sentence.cited()) {
                RetrievedPassage passage = given.get(n - 1);
                AnswerText.Span best = bestSpan(words, passage.text());
                boolean supports =
                        AnswerText.overlap(words, AnswerText.contentWords(passage.text()))
                                        >= support.lexicalOverlap()
                                || similar(sentence.text(), n, passage, passageVectors);
                supported |= supports;
                // the quote comes from the first sentence this passage supports, if any
                if (!citations.containsKey(n) || (supports && quotedSupport.add(n))) {
                    citations.put(n, citation(n, passage, best));
                    if (supports) {
                        quotedSupport.add(n);
                    }
                }
            }
            if (!supported) {
                unsupported.add(
                        new UnsupportedSentence(
                                sentence.text(),
                                sentence.cited(),
                                "the cited passages do not say this"));
            }
        }
        return new Checked(cleaned, List.copyOf(citations.values()), unsupported, claims);
    }

    /**
     * Every passage number the model's own text cites, in order of first appearance, before any is
     * removed: what an evaluation's citation validity is measured on.
     */
    static List<Integer> cited(String answer) {
        List<Integer> cited = new ArrayList<>();
        Matcher marker = CitationMarkers.PATTERN.matcher(normalizeMarkers(answer));
        while (marker.find()) {
            for (int n : CitationMarkers.numbers(marker.group(1))) {
                if (!cited.contains(n)) {
                    cited.add(n);
                }
            }
        }
        return cited;
    }

    /**
     * Chat models do not always write citations exactly as asked: "[Passage 2]", "[source 2]",
     * "[doc 2]" or "[2, 3]" mean the same as "[2]" and become our markers.
     */
    static String normalizeMarkers(String answer) {
        return NAMED_MARKER.matcher(answer).replaceAll("[$1]");
    }

    private String removeInvalidMarkers(String answer, int passages, String model) {
        Matcher marker = CitationMarkers.PATTERN.matcher(answer);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            List<Integer> valid = new ArrayList<>();
            for (int n : CitationMarkers.numbers(marker.group(1))) {
                if (n >= 1 && n <= passages) {
                    valid.add(n);
                } else {
                    log.warn(
                            "Model {} cited passage [{}] but was given {}; citation removed",
                            model,
                            n,
                            passages);
                }
            }
            String replacement =
                    valid.isEmpty()
                            ? ""
                            : "["
                                    + String.join(
                                            ", ", valid.stream().map(String::valueOf).toList())
                                    + "]";
            marker.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        marker.appendTail(out);
        return out.toString().replaceAll(" +([.,;:!?])", "$1").replaceAll(" {2,}", " ").strip();
    }

    private boolean similar(
            String sentence, int n, RetrievedPassage passage, Map<Integer, float[]> vectors) {
        float[] passageVector =
                vectors.computeIfAbsent(
                        n, key -> embedder.embedPassages(List.of(passage.text())).get(0));
        float[] sentenceVector = embedder.embedPassages(List.of(sentence)).get(0);
        return Vectors.cosine(sentenceVector, passageVector) >= support.semanticSimilarity();
    }

    private static AnswerText.Span bestSpan(Set<String> words, String text) {
        AnswerText.Span best = null;
        double bestOverlap = -1;
        for (AnswerText.Span span : AnswerText.spans(text)) {
            double overlap = AnswerText.overlap(words, AnswerText.contentWords(span.text()));
            if (overlap > bestOverlap) {
                best = span;
                bestOverlap = overlap;
            }
        }
        return best != null ? best : new AnswerText.Span(text, 0, text.length());
    }

    private static Citation citation(int n, RetrievedPassage passage, AnswerText.Span quote) {
        return new Citation(
                n,
                passage.documentId(),
                passage.filename(),
                passage.title(),
                passage.chunkId(),
                quote.text(),
                passage.start() + quote.start(),
                passage.start() + quote.end());
    }
}
