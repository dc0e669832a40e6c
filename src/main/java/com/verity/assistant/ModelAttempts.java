package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The model calls of one answer (docs/models.md, "Escalation"): each one prompts a model with the
 * passages fitted to its profile, inside a generation slot, and checks what it wrote; and the rule
 * that decides whether an answer goes to the collection's escalation model.
 */
@Component
class ModelAttempts {

    private static final Logger log = LoggerFactory.getLogger(ModelAttempts.class);

    private final AssistantProperties properties;
    private final AnswerPrompt prompt;
    private final ModelGateway models;
    private final GenerationSlots slots;
    private final CitationChecker checker;
    private final NotFound notFound;
    private final ModelRegistry registry;
    private final AnswerMetrics metrics;
    private final ObservationRegistry observations;

    ModelAttempts(
            AssistantProperties properties,
            AnswerPrompt prompt,
            ModelGateway models,
            GenerationSlots slots,
            CitationChecker checker,
            NotFound notFound,
            ModelRegistry registry,
            AnswerMetrics metrics,
            ObservationRegistry observations) {
        this.metrics = metrics;
        this.observations = observations;
        this.properties = properties;
        this.prompt = prompt;
        this.models = models;
        this.slots = slots;
        this.checker = checker;
        this.notFound = notFound;
        this.registry = registry;
    }

    /** What every model call of one answer shares. */
    record Call(
            Question question,
            String standalone,
            List<RetrievedPassage> passages,
            PromptLibrary.PromptSet set,
            AnswerListener listener,
            Double backgroundShare,
            long started) {}

    /**
     * Why {@code attempt}'s answer goes to the escalation model, or null when it stands: too many
     * sentences unsupported, or no citation (or a decline) while retrieval was confident. A first
     * attempt escalates only when the collection names an escalation model and the caller did not
     * choose another model than the collection's first one; {@code question} null: the escalation
     * model's own attempt, checked by the same rules.
     */
    String escalates(Routing routing, Question question, ModelAttempt attempt, Double best) {
        if (routing == null
                || routing.escalationModel() == null
                || !registry.allowed().contains(routing.escalationModel())) {
            return null;
        }
        if (question != null
                && (question.model().equals(routing.escalationModel())
                        || (question.modelChosen()
                                && !question.model().equals(routing.defaultModel())))) {
            return null;
        }
        boolean confident = best != null && best >= properties.confidentSimilarity();
        if (attempt.mode() == AnswerMode.NOT_FOUND) {
            return confident ? "it declined although the search found relevant passages" : null;
        }
        if (attempt.unsupported() > 0
                && attempt.unsupportedShare() > routing.unsupportedThreshold()) {
            return "%d of its %d sentences are not supported by the passages they cite"
                    .formatted(
                            attempt.unsupported(),
                            Math.max(attempt.claims(), attempt.unsupported()));
        }
        if (attempt.checked().citations().isEmpty() && confident) {
            return "it cites no passage although the search found relevant ones";
        }
        return null;
    }

    /**
     * Asks {@code model} for the answer and checks it; a model that cannot answer says why. An
     * {@code escalation} that finds every generation slot taken gives up instead of failing the
     * question: the first answer is there, and the turn needs review.
     */
    ModelAttempt attempt(Call call, String model, boolean escalation) {
        ModelProfile profile = sampled(models.profile(model), call.question().sampling());
        AnswerPrompt.Built built =
                span("verity.answer.prompt", "prompt building", model)
                        .observe(
                                () ->
                                        prompt.build(
                                                call.standalone(),
                                                call.passages(),
                                                call.set(),
                                                profile));
        long waitStarted = System.nanoTime();
        long generationStarted;
        Generation generation;
        GenerationSlots.Slot held;
        try {
            held =
                    call.backgroundShare() == null
                            ? slots.acquire()
                            : slots.acquireBackground(call.backgroundShare());
        } catch (AssistantException busy) {
            metrics.failed(model, "busy");
            if (!escalation) {
                throw busy;
            }
            log.warn("No slot for the escalation model {}: {}", model, busy.getMessage());
            return ModelAttempt.failed(
                    model,
                    built,
                    Assistant.millisSince(call.started()),
                    (System.nanoTime() - waitStarted) / 1_000_000,
                    "Every generation slot was taken.");
        }
        try (GenerationSlots.Slot slot = held) {
            // the model call starts once a slot is held; the wait before is the line's, not its
            generationStarted = System.nanoTime();
            generation =
                    span("verity.answer.model", "model call", model)
                            .observe(
                                    () ->
                                            models.stream(
                                                    model,
                                                    built.messages(),
                                                    profile,
                                                    call.listener()::onToken));
        } catch (ModelUnavailableException e) {
            metrics.failed(model, e.reason());
            Question question = call.question();
            if (call.backgroundShare() == null
                    && question.modelChosen()
                    && model.equals(question.model())
                    && e.reason() == ModelUnavailableException.Reason.NOT_PULLED) {
                throw AssistantException.modelNotPulled(
                        model, e.getMessage(), models.pullCommand(model));
            }
            log.warn("No answer from {}: {}", model, e.getMessage());
            return ModelAttempt.failed(
                    model, built, Assistant.millisSince(call.started()), 0, e.getMessage());
        }
        metrics.generated(model, generation);
        warnIfTruncated(model, generation, built, profile);
        long checkStarted = System.nanoTime();
        Generation generated = generation;
        CitationChecker.Checked checked =
                span("verity.answer.check", "citation check", model)
                        .observe(() -> checker.check(generated.text(), built.given(), model));
        if (log.isDebugEnabled()) {
            log.debug(
                    "Answer by {}: generation {} ms, check {} ms",
                    model,
                    (checkStarted - generationStarted) / 1_000_000,
                    (System.nanoTime() - checkStarted) / 1_000_000);
        }
        return new ModelAttempt(
                model,
                notFound.modeOf(checked, call.set().decline()),
                checked,
                generation,
                built,
                generation.firstTokenMillis(),
                (checkStarted - generationStarted) / 1_000_000,
                Assistant.millisSince(call.started()),
                (generationStarted - waitStarted) / 1_000_000,
                null);
    }

    /** A span of an answer's step in traces, tagged with the model (an allowed name only). */
    private Observation span(String name, String contextualName, String model) {
        return Observation.createNotStarted(name, observations)
                .contextualName(contextualName)
                .lowCardinalityKeyValue("model", model);
    }

    /**
     * The model's profile with the caller's sampling: its temperature, and its token limit when
     * that is lower than the profile's (a higher one would eat the passages' room).
     */
    private static ModelProfile sampled(ModelProfile profile, ModelProfile sampling) {
        if (sampling == null) {
            return profile;
        }
        Integer limit =
                sampling.numPredict() == null
                        ? null
                        : Math.min(sampling.numPredict(), profile.numPredict());
        return new ModelProfile(null, sampling.temperature(), null, limit, null, null)
                .over(profile);
    }

    /** The server reports the prompt's real size; at the window's edge it would have cut it. */
    private static void warnIfTruncated(
            String model, Generation generation, AnswerPrompt.Built built, ModelProfile profile) {
        Integer used = generation.promptTokens();
        int window = profile.promptBudget();
        if (used != null && used >= window) {
            log.warn(
                    "{} counted {} prompt tokens against a window of {} (estimated {}): raise"
                            + " the model's token_estimate_factor (models page or"
                            + " verity.assistant.profiles)",
                    model,
                    used,
                    window,
                    built.estimatedTokens());
        }
    }
}
