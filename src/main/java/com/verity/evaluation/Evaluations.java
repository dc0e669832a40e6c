package com.verity.evaluation;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.verity.assistant.Assistant;
import com.verity.collection.CollectionCatalog;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluations of models on a collection's golden set: started by its editors, run as durable jobs
 * by whichever instances are free, read back as reports. An evaluation of a collection the caller
 * may not edit is answered as if it did not exist. The module's public facade for evaluations.
 */
@Service
public class Evaluations implements com.verity.assistant.ModelEvaluationFigures {

    private static final int MAX_MODELS = 4;

    private final CollectionCatalog collections;
    private final GoldenSetRepository goldenSets;
    private final EvaluationStore store;
    private final ModelChecks modelChecks;
    private final Assistant assistant;
    private final SchedulerClient scheduler;
    private final EvaluationProperties properties;
    private final EvaluationReports reports;
    private final AuditLog audit;

    Evaluations(
            CollectionCatalog collections,
            GoldenSetRepository goldenSets,
            EvaluationStore store,
            ModelChecks modelChecks,
            Assistant assistant,
            SchedulerClient scheduler,
            EvaluationProperties properties,
            EvaluationReports reports,
            AuditLog audit) {
        this.collections = collections;
        this.goldenSets = goldenSets;
        this.store = store;
        this.modelChecks = modelChecks;
        this.assistant = assistant;
        this.scheduler = scheduler;
        this.properties = properties;
        this.reports = reports;
        this.audit = audit;
    }

    @Transactional
    public Map<String, Object> start(EvaluationRequest request, Caller caller) {
        if (request == null || request.collection() == null || request.collection().isBlank()) {
            throw EvaluationException.invalidEvaluation("Name the 'collection' to evaluate on.");
        }
        long collectionId = collections.requireEditable(request.collection(), caller);
        if (request.goldenSet() == null) {
            throw EvaluationException.invalidEvaluation(
                    "Name the 'goldenSet' by its id (GET /api/collections/%s/golden-sets)."
                            .formatted(request.collection()));
        }
        GoldenSetRepository.Stored set =
                goldenSets
                        .find(request.goldenSet())
                        .filter(s -> s.collectionId() == collectionId)
                        .orElseThrow(() -> EvaluationException.notFound(request.goldenSet()));
        List<String> models = models(request.models());
        String promptVersion = promptVersion(request.promptVersion());
        checkModels(models, request.judge());
        List<GoldenItem> questions = goldenSets.items(set.view().id());
        if (questions.isEmpty()) {
            throw EvaluationException.invalidEvaluation("The golden set has no questions.");
        }
        if ((long) questions.size() * models.size() > properties.maxAnswers()) {
            throw EvaluationException.invalidEvaluation(
                    "%d questions x %d models is more than the %d answers one evaluation may hold (verity.evaluation.max-answers): split the golden set or compare fewer models."
                            .formatted(questions.size(), models.size(), properties.maxAnswers()));
        }
        UUID id = UUID.randomUUID();
        store.insert(
                new EvaluationStore.Stored(
                        id,
                        collectionId,
                        request.collection(),
                        set.view().id(),
                        set.view().name(),
                        models,
                        blankToNull(request.judge()),
                        promptVersion,
                        properties.seed(),
                        EvaluationState.QUEUED,
                        caller.username(),
                        null,
                        null,
                        null,
                        null),
                questions);
        for (int worker = 1; worker <= properties.workers(); worker++) {
            scheduler.schedule(EvaluationTasks.work(id, worker), Instant.now());
        }
        audit.record(
                AuditType.EVALUATION_STARTED,
                caller,
                request.collection() + "/" + set.view().name(),
                Map.of("id", id.toString(), "models", String.join(",", models)));
        return reports.summary(store.find(id).orElseThrow());
    }

    public Map<String, Object> get(UUID id, Caller caller) {
        return reports.summary(require(id, caller));
    }

    public List<Map<String, Object>> list(String collection, Caller caller) {
        long collectionId = collections.requireEditable(collection, caller);
        return store.list(collectionId).stream().map(reports::overview).toList();
    }

    /**
     * Each model's figures from the latest finished evaluation of a collection the caller may edit
     * that it took part in (the models page's "latest evaluation").
     */
    @SuppressWarnings("unchecked")
    public Map<String, ModelFigures> latestFigures(Caller caller) {
        Map<String, ModelFigures> figures = new java.util.LinkedHashMap<>();
        for (EvaluationStore.Stored e : store.latestSucceeded(LATEST_FOR_FIGURES)) {
            if (e.models().stream().allMatch(figures::containsKey)
                    || !collections.editable(e.collection(), caller)) {
                continue;
            }
            Map<String, Object> models = (Map<String, Object>) reports.summary(e).get("models");
            for (String model : e.models()) {
                if (figures.containsKey(model) || !(models.get(model) instanceof Map<?, ?> m)) {
                    continue;
                }
                Map<String, Object> answers = (Map<String, Object>) m.get("answers");
                figures.put(
                        model,
                        new ModelFigures(
                                e.id(),
                                e.collection(),
                                e.finishedAt(),
                                number(answers.get(Metric.CITATION_VALIDITY.key())),
                                number(answers.get(Metric.SUPPORTED_SENTENCES.key()))));
            }
        }
        return figures;
    }

    private static final int LATEST_FOR_FIGURES = 50;

    @Override
    public Map<String, Map<String, Object>> latest(Caller caller) {
        Map<String, Map<String, Object>> latest = new java.util.LinkedHashMap<>();
        latestFigures(caller)
                .forEach(
                        (model, f) -> {
                            Map<String, Object> figures = new java.util.LinkedHashMap<>();
                            figures.put("evaluation", f.evaluation());
                            figures.put("collection", f.collection());
                            figures.put("finishedAt", f.finishedAt());
                            figures.put(Metric.CITATION_VALIDITY.key(), f.citationValidity());
                            figures.put(Metric.SUPPORTED_SENTENCES.key(), f.supportedSentences());
                            latest.put(model, figures);
                        });
        return latest;
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    public Map<String, Object> items(UUID id, Caller caller) {
        return reports.items(require(id, caller));
    }

    public String csv(UUID id, Caller caller) {
        return reports.csv(require(id, caller));
    }

    public String html(UUID id, Caller caller) {
        return reports.html(require(id, caller));
    }

    @Transactional
    public Map<String, Object> cancel(UUID id, Caller caller) {
        EvaluationStore.Stored evaluation = require(id, caller);
        if (!store.end(id, EvaluationState.CANCELLED, "cancelled by " + caller.username())) {
            throw EvaluationException.ended(id, store.find(id).orElseThrow().state());
        }
        EvaluationTasks.dropWaitingWork(scheduler, id);
        audit.record(
                AuditType.EVALUATION_CANCELLED,
                caller,
                evaluation.collection() + "/" + evaluation.goldenSet(),
                Map.of("id", id.toString()));
        return reports.summary(store.find(id).orElseThrow());
    }

    EvaluationStore.Stored require(UUID id, Caller caller) {
        return store.find(id)
                .filter(e -> collections.editable(e.collectionId(), caller))
                .orElseThrow(() -> EvaluationException.evaluationNotFound(id));
    }

    private static List<String> models(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw EvaluationException.invalidEvaluation(
                    "Name the 'models' to evaluate, e.g. [\"mistral\", \"llama3.1:8b\"].");
        }
        LinkedHashSet<String> models = new LinkedHashSet<>();
        for (String model : requested) {
            if (model == null || model.isBlank()) {
                throw EvaluationException.invalidEvaluation("A model name in 'models' is empty.");
            }
            if (!models.add(model.strip())) {
                throw EvaluationException.invalidEvaluation(
                        "'models' names '%s' twice; name each model once.".formatted(model));
            }
        }
        if (models.size() > MAX_MODELS) {
            throw EvaluationException.invalidEvaluation(
                    "An evaluation compares at most %d models; it names %d."
                            .formatted(MAX_MODELS, models.size()));
        }
        return new ArrayList<>(models);
    }

    /** Every model (and the judge) allowed, then pulled: 400 before 409, as {@code /api/ask}. */
    private void checkModels(List<String> models, String judge) {
        List<String> wanted = new ArrayList<>(models);
        if (judge != null && !judge.isBlank()) {
            wanted.add(judge.strip());
        }
        modelChecks.requireReady(wanted);
    }

    private String promptVersion(String requested) {
        if (requested == null || requested.isBlank()) {
            return assistant.promptVersion();
        }
        List<String> installed = assistant.promptVersions();
        if (installed.contains(requested.strip())) {
            return requested.strip();
        }
        throw EvaluationException.invalidEvaluation(
                "Prompt version '%s' is not installed; installed: %s (the one in use first; others are folders under prompts/versions/, see docs/prompts.md)."
                        .formatted(requested, installed));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
