package com.verity.evaluation;

import com.verity.assistant.Answer;
import com.verity.assistant.AnswerMode;
import com.verity.assistant.AnswerRun;
import com.verity.assistant.Citation;
import com.verity.assistant.CitationMarkers;
import com.verity.embedding.Embedder;
import com.verity.embedding.Vectors;
import com.verity.retrieval.RetrievedPassage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Measures one answer against its golden question, exactly and without a judge: retrieval on the
 * passages the pipeline retrieved, answers on the mode, the raw output's citations, the checked
 * citations and sentences, and the reference answer (docs/evaluation.md has the definitions).
 */
@Component
class ItemScorer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private final Embedder embedder;

    ItemScorer(Embedder embedder) {
        this.embedder = embedder;
    }

    ItemResult score(GoldenItem item, AnswerRun run) {
        Answer answer = run.answer();
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<String> documents = distinctDocuments(run.retrieved());
        retrieval(item, run.retrieved(), documents, metrics);
        AnswerMode mode = answer.mode();
        metrics.put(Metric.ANSWERED.key(), flag(mode == AnswerMode.ANSWERED));
        metrics.put(Metric.NOT_FOUND.key(), flag(mode == AnswerMode.NOT_FOUND));
        metrics.put(Metric.PASSAGES_ONLY.key(), flag(mode == AnswerMode.PASSAGES_ONLY));
        if (mode == AnswerMode.ANSWERED) {
            metrics.put(
                    Metric.CITATION_VALIDITY.key(),
                    flag(
                            !run.rawCited().isEmpty()
                                    && run.rawCited().stream()
                                            .allMatch(n -> n >= 1 && n <= run.given())));
            if (run.claims() > 0) {
                int supported = run.claims() - answer.unsupported().size();
                metrics.put(
                        Metric.SUPPORTED_SENTENCES.key(),
                        Math.max(0, supported) / (double) run.claims());
                metrics.put("claims", (double) run.claims());
            }
        }
        if (item.answerable() && !item.expectedDocuments().isEmpty()) {
            metrics.put(
                    Metric.CITED_EXPECTED_DOCUMENT.key(),
                    flag(
                            answer.citations().stream()
                                    .map(Citation::filename)
                                    .anyMatch(f -> expected(item, f))));
        }
        if (item.referenceAnswer() != null && !item.referenceAnswer().isBlank()) {
            String text = mode == AnswerMode.ANSWERED ? answer.answer() : null;
            metrics.put(Metric.REFERENCE_OVERLAP.key(), tokenF1(text, item.referenceAnswer()));
            metrics.put(
                    Metric.REFERENCE_SIMILARITY.key(), similarity(text, item.referenceAnswer()));
        }
        if (!item.answerable()) {
            metrics.put(Metric.REFUSAL_ON_UNANSWERABLE.key(), flag(mode == AnswerMode.NOT_FOUND));
        }
        return new ItemResult(
                mode.name(),
                answer.answer(),
                run.rawOutput(),
                answer.citations(),
                answer.notice(),
                documents,
                metrics,
                answer.timings().firstTokenMs(),
                answer.timings().generationMs(),
                answer.timings().totalMs() - run.slotWaitMs(),
                run.promptTokens(),
                run.completionTokens(),
                null);
    }

    private static void retrieval(
            GoldenItem item,
            List<RetrievedPassage> passages,
            List<String> documents,
            Map<String, Double> metrics) {
        if (item.answerable() && !item.expectedDocuments().isEmpty()) {
            int rank = 0;
            for (int i = 0; i < documents.size(); i++) {
                if (expected(item, documents.get(i))) {
                    rank = i + 1;
                    break;
                }
            }
            metrics.put(Metric.RECALL_AT_5.key(), flag(rank >= 1 && rank <= 5));
            metrics.put(Metric.MRR.key(), rank == 0 ? 0.0 : 1.0 / rank);
            metrics.put(Metric.NDCG_AT_10.key(), ndcgAt10(item, documents));
        }
        if (item.answerable()
                && item.expectedPassage() != null
                && !item.expectedPassage().isBlank()) {
            String wanted = fold(item.expectedPassage());
            metrics.put(
                    Metric.PASSAGE_HIT_AT_5.key(),
                    flag(
                            passages.stream()
                                    .limit(5)
                                    .anyMatch(p -> fold(p.text()).contains(wanted))));
        }
    }

    /** Binary relevance over the first ten distinct documents. */
    private static double ndcgAt10(GoldenItem item, List<String> documents) {
        double gain = 0;
        for (int i = 0; i < Math.min(10, documents.size()); i++) {
            if (expected(item, documents.get(i))) {
                gain += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        long relevant = item.expectedDocuments().stream().distinct().count();
        for (int i = 0; i < Math.min(10, relevant); i++) {
            ideal += 1 / log2(i + 2);
        }
        return ideal == 0 ? 0 : gain / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static List<String> distinctDocuments(List<RetrievedPassage> passages) {
        Set<String> seen = new LinkedHashSet<>();
        passages.forEach(p -> seen.add(p.filename()));
        return List.copyOf(seen);
    }

    private static boolean expected(GoldenItem item, String filename) {
        return filename != null
                && item.expectedDocuments().stream().anyMatch(e -> e.equalsIgnoreCase(filename));
    }

    /** Lower case with all runs of white space one space: how expected passages are matched. */
    static String fold(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    /** SQuAD's token F1: shared words (counted with repeats) against both texts' lengths. */
    static double tokenF1(String answer, String reference) {
        List<String> got = words(answer);
        List<String> want = words(reference);
        if (got.isEmpty() || want.isEmpty()) {
            return got.isEmpty() && want.isEmpty() ? 1 : 0;
        }
        Map<String, Integer> counts = new HashMap<>();
        want.forEach(w -> counts.merge(w, 1, Integer::sum));
        int shared = 0;
        for (String word : got) {
            Integer left = counts.get(word);
            if (left != null && left > 0) {
                shared++;
                counts.put(word, left - 1);
            }
        }
        if (shared == 0) {
            return 0;
        }
        double precision = shared / (double) got.size();
        double recall = shared / (double) want.size();
        return 2 * precision * recall / (precision + recall);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        Matcher matcher = WORD.matcher(CitationMarkers.PATTERN.matcher(text).replaceAll(" "));
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    /** Cosine of the two texts' embeddings, clipped to [0, 1]; 0 without an answer. */
    private double similarity(String answer, String reference) {
        if (answer == null || answer.isBlank()) {
            return 0;
        }
        String plain = CitationMarkers.PATTERN.matcher(answer).replaceAll("");
        List<float[]> vectors = embedder.embedPassages(List.of(plain, reference));
        return Math.max(0, Math.min(1, Vectors.cosine(vectors.get(0), vectors.get(1))));
    }

    private static double flag(boolean value) {
        return value ? 1 : 0;
    }
}
