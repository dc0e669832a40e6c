package com.verity.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums up an evaluation's answered questions per model: every metric with its 95% bootstrap
 * interval over the questions it applies to, latency percentiles, token figures, and the paired
 * differences between each two models (docs/evaluation.md). The result has the shape of {@code GET
 * /api/evaluations/{id}}'s {@code models} and {@code comparisons}.
 */
final class EvaluationSummary {

    /** The metrics two models are compared on, question by question. */
    private static final List<Metric> COMPARED =
            List.of(
                    Metric.ANSWERED,
                    Metric.CITATION_VALIDITY,
                    Metric.CITED_EXPECTED_DOCUMENT,
                    Metric.SUPPORTED_SENTENCES,
                    Metric.REFERENCE_OVERLAP,
                    Metric.REFERENCE_SIMILARITY,
                    Metric.REFUSAL_ON_UNANSWERABLE,
                    Metric.FAITHFULNESS,
                    Metric.RELEVANCE);

    private static final double SIGNIFICANCE = 0.05;

    private final Bootstrap bootstrap;

    EvaluationSummary(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Per model (in the order asked): its results, by question position. */
    Map<String, Object> models(Map<String, Map<Integer, ItemResult>> results, String judge) {
        Map<String, Object> models = new LinkedHashMap<>();
        results.forEach((model, byPosition) -> models.put(model, model(byPosition, judge)));
        return models;
    }

    private Map<String, Object> model(Map<Integer, ItemResult> byPosition, String judge) {
        List<ItemResult> results = List.copyOf(byPosition.values());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("items", results.size());
        model.put("retrieval", group(results, Metric.Group.RETRIEVAL));
        model.put("answers", group(results, Metric.Group.ANSWERS));
        if (judge != null) {
            Map<String, Object> judged = group(results, Metric.Group.JUDGE);
            judged.put("model", judge);
            model.put("judge", judged);
        }
        model.put("latency", latency(results));
        model.put("tokens", tokens(results));
        return model;
    }

    private Map<String, Object> group(List<ItemResult> results, Metric.Group group) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            if (metric.group() != group) {
                continue;
            }
            List<double[]> applicable = new ArrayList<>();
            for (ItemResult result : results) {
                Double value = result.metric(metric);
                if (value != null) {
                    Double weight =
                            metric.weight() == null ? null : result.metrics().get(metric.weight());
                    applicable.add(new double[] {value, weight == null ? 1 : weight});
                }
            }
            if (applicable.isEmpty()) {
                values.put(metric.key(), null);
                values.put(metric.key() + "Ci", null);
                continue;
            }
            double[] v = applicable.stream().mapToDouble(a -> a[0]).toArray();
            double[] w = applicable.stream().mapToDouble(a -> a[1]).toArray();
            values.put(metric.key(), round(Bootstrap.mean(v, w)));
            Bootstrap.Interval interval = bootstrap.interval(v, w);
            values.put(metric.key() + "Ci", List.of(round(interval.low()), round(interval.high())));
        }
        return values;
    }

    private static Map<String, Object> latency(List<ItemResult> results) {
        long[] first =
                results.stream()
                        .filter(r -> r.firstTokenMs() != null)
                        .mapToLong(ItemResult::firstTokenMs)
                        .sorted()
                        .toArray();
        long[] total =
                results.stream()
                        .filter(r -> r.firstTokenMs() != null)
                        .mapToLong(ItemResult::totalMs)
                        .sorted()
                        .toArray();
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("firstTokenP50Ms", percentile(first, 0.50));
        latency.put("firstTokenP95Ms", percentile(first, 0.95));
        latency.put("totalP50Ms", percentile(total, 0.50));
        latency.put("totalP95Ms", percentile(total, 0.95));
        return latency;
    }

    /** Nearest rank; null without values. */
    static Long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Map<String, Object> tokens(List<ItemResult> results) {
        List<ItemResult> generated =
                results.stream().filter(r -> r.completionTokens() != null).toList();
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put(
                "promptPerAnswer",
                average(generated.stream().map(ItemResult::promptTokens).toList()));
        tokens.put(
                "completionPerAnswer",
                average(generated.stream().map(ItemResult::completionTokens).toList()));
        long completion = generated.stream().mapToLong(ItemResult::completionTokens).sum();
        long millis =
                generated.stream()
                        .filter(r -> r.generationMs() != null)
                        .mapToLong(ItemResult::generationMs)
                        .sum();
        tokens.put("completionPerSecond", millis == 0 ? null : round(completion * 1000.0 / millis));
        return tokens;
    }

    private static Double average(List<Integer> values) {
        return values.stream().filter(v -> v != null).mapToInt(Integer::intValue).average().stream()
                .mapToObj(EvaluationSummary::round)
                .findFirst()
                .orElse(null);
    }

    /** Each two models, on every compared metric, over the questions it applies to for both. */
    List<Map<String, Object>> comparisons(Map<String, Map<Integer, ItemResult>> results) {
        List<String> models = List.copyOf(results.keySet());
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            for (int j = i + 1; j < models.size(); j++) {
                for (Metric metric : COMPARED) {
                    Map<String, Object> compared =
                            compare(
                                    models.get(i),
                                    models.get(j),
                                    metric,
                                    results.get(models.get(i)),
                                    results.get(models.get(j)));
                    if (compared != null) {
                        comparisons.add(compared);
                    }
                }
            }
        }
        return comparisons;
    }

    private Map<String, Object> compare(
            String a,
            String b,
            Metric metric,
            Map<Integer, ItemResult> first,
            Map<Integer, ItemResult> second) {
        List<double[]> pairs = new ArrayList<>();
        first.forEach(
                (position, result) -> {
                    ItemResult other = second.get(position);
                    if (other != null
                            && result.metric(metric) != null
                            && other.metric(metric) != null) {
                        pairs.add(new double[] {result.metric(metric), other.metric(metric)});
                    }
                });
        if (pairs.isEmpty()) {
            return null;
        }
        double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
        Bootstrap.Paired paired = bootstrap.paired(x, y);
        Map<String, Object> compared = new LinkedHashMap<>();
        compared.put("metric", metric.key());
        compared.put("a", a);
        compared.put("b", b);
        compared.put("items", pairs.size());
        compared.put("aValue", round(Arrays.stream(x).average().orElse(0)));
        compared.put("bValue", round(Arrays.stream(y).average().orElse(0)));
        compared.put("difference", round(paired.difference()));
        compared.put(
                "differenceCi",
                List.of(round(paired.interval().low()), round(paired.interval().high())));
        compared.put("pValue", round(paired.pValue()));
        compared.put("significant", paired.pValue() < SIGNIFICANCE);
        compared.put("test", "paired bootstrap");
        return compared;
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
