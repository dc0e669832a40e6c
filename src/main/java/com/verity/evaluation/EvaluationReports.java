package com.verity.evaluation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * An evaluation as the API and the reports show it: its state and progress with an ETA, and per
 * model the summed-up metrics and the paired comparisons. An ended evaluation's summary is computed
 * once and kept for a while (the bootstrap over many questions takes a moment).
 */
@Component
class EvaluationReports {

    private static final int CACHED = 100;

    private final EvaluationStore store;
    private final EvaluationProperties properties;
    private final Cache<UUID, Map<String, Object>> ended =
            Caffeine.newBuilder()
                    .maximumSize(CACHED)
                    .expireAfterAccess(Duration.ofHours(1))
                    .build();

    EvaluationReports(EvaluationStore store, EvaluationProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The evaluation without metrics: what a list shows. */
    Map<String, Object> overview(EvaluationStore.Stored e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("collection", e.collection());
        view.put("goldenSet", e.goldenSetId());
        view.put("goldenSetName", e.goldenSet());
        view.put("state", e.state());
        view.put("modelNames", e.models());
        view.put("judge", e.judge());
        view.put("promptVersion", e.promptVersion());
        view.put("createdBy", e.createdBy());
        view.put("createdAt", e.createdAt());
        view.put("startedAt", e.startedAt());
        view.put("finishedAt", e.finishedAt());
        if (e.error() != null) {
            view.put("error", e.error());
        }
        EvaluationStore.Progress progress = store.progress(e.id());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("done", progress.done());
        counts.put("total", progress.total());
        counts.put("etaSeconds", eta(e, progress));
        view.put("progress", counts);
        return view;
    }

    Map<String, Object> summary(EvaluationStore.Stored e) {
        if (e.state().ended()) {
            return ended.get(e.id(), id -> compute(e));
        }
        return compute(e);
    }

    private Map<String, Object> compute(EvaluationStore.Stored e) {
        Map<String, Object> view = overview(e);
        List<EvaluationStore.Row> rows = store.rows(e.id());
        Map<String, Map<Integer, ItemResult>> results = byModel(e, rows);
        long failed = rows.stream().filter(r -> r.state().equals("FAILED")).count();
        view.put("failedAnswers", failed);
        EvaluationSummary summary = summarizer(e);
        view.put("models", summary.models(results, e.judge()));
        view.put("comparisons", summary.comparisons(results));
        view.put("seed", e.seed());
        return view;
    }

    /**
     * Every question with each model's result, in the golden set's order, and whether the models
     * disagree on it (their modes differ, or one cites an expected document and another not).
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> items(EvaluationStore.Stored e) {
        List<GoldenItem> questions = store.questions(e.id());
        List<Map<String, Object>> items = new ArrayList<>();
        for (GoldenItem question : questions) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("question", question.question());
            item.put("expectedDocuments", question.expectedDocuments());
            item.put("answerable", question.answerable());
            if (question.referenceAnswer() != null) {
                item.put("referenceAnswer", question.referenceAnswer());
            }
            item.put("results", new LinkedHashMap<String, Object>());
            items.add(item);
        }
        for (EvaluationStore.Row row : store.rows(e.id())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> results =
                    (Map<String, Object>) items.get(row.position() - 1).get("results");
            results.put(e.models().get(row.modelIndex()), result(row));
        }
        for (int position = 1; position <= questions.size(); position++) {
            Map<String, Object> item = items.get(position - 1);
            List<ItemResult> row =
                    e.models().stream()
                            .map(
                                    model ->
                                            ((Map<String, Object>) item.get("results")).get(model)
                                                            instanceof ItemResult r
                                                    ? r
                                                    : null)
                            .toList();
            item.put("disagree", ReportHtml.disagree(row));
        }
        return Map.of("items", items);
    }

    private static Object result(EvaluationStore.Row row) {
        if (row.result() != null) {
            return row.result();
        }
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("state", row.state());
        if (row.error() != null) {
            open.put("error", row.error());
        }
        return open;
    }

    String csv(EvaluationStore.Stored e) {
        return ReportCsv.write(e, store.questions(e.id()), results(e));
    }

    String html(EvaluationStore.Stored e) {
        return ReportHtml.write(summary(e), store.questions(e.id()), results(e));
    }

    /** Per model in the order asked, its done results by question position. */
    Map<String, Map<Integer, ItemResult>> results(EvaluationStore.Stored e) {
        return byModel(e, store.rows(e.id()));
    }

    private static Map<String, Map<Integer, ItemResult>> byModel(
            EvaluationStore.Stored e, List<EvaluationStore.Row> rows) {
        Map<String, Map<Integer, ItemResult>> results = new LinkedHashMap<>();
        e.models().forEach(model -> results.put(model, new LinkedHashMap<>()));
        for (EvaluationStore.Row row : rows) {
            if (row.result() != null) {
                results.get(e.models().get(row.modelIndex())).put(row.position(), row.result());
            }
        }
        return results;
    }

    private EvaluationSummary summarizer(EvaluationStore.Stored e) {
        return new EvaluationSummary(new Bootstrap(properties.bootstrapSamples(), e.seed()));
    }

    /** From the pace so far; null before the first answer or after the end. */
    private static Long eta(EvaluationStore.Stored e, EvaluationStore.Progress progress) {
        if (e.state() != EvaluationState.RUNNING
                || e.startedAt() == null
                || progress.done() == 0
                || progress.lastDone() == null) {
            return null;
        }
        double secondsPerAnswer =
                Duration.between(e.startedAt(), Instant.now()).toMillis()
                        / 1000.0
                        / progress.done();
        return Math.round(secondsPerAnswer * (progress.total() - progress.done()));
    }
}
