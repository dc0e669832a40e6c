package com.verity.evaluation;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.verity.assistant.AnswerMode;
import com.verity.assistant.AnswerRun;
import com.verity.assistant.AskRequest;
import com.verity.assistant.Assistant;
import com.verity.assistant.Question;
import com.verity.jobs.Heartbeats;
import com.verity.security.Accounts;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * One execution of an evaluation's work, on whichever instance picked it: claims one question for
 * one model at a time, answers it through the same pipeline as {@code /api/ask} (as the user who
 * started the evaluation, so with their permissions), scores it, and checkpoints the result, until
 * none is left. A stopping instance hands its execution back between questions; a crashed one's
 * question is taken over when its lease runs out.
 */
@Component
class EvaluationWorker {

    private static final Logger log = LoggerFactory.getLogger(EvaluationWorker.class);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private final EvaluationStore store;
    private final Assistant assistant;
    private final ItemScorer scorer;
    private final AnswerJudge judge;
    private final Accounts accounts;
    private final Heartbeats heartbeats;
    private final EvaluationProperties properties;

    EvaluationWorker(
            EvaluationStore store,
            Assistant assistant,
            ItemScorer scorer,
            AnswerJudge judge,
            Accounts accounts,
            Heartbeats heartbeats,
            EvaluationProperties properties) {
        this.store = store;
        this.assistant = assistant;
        this.scorer = scorer;
        this.judge = judge;
        this.accounts = accounts;
        this.heartbeats = heartbeats;
        this.properties = properties;
    }

    CompletionHandler<Void> run(TaskInstance<Void> instance, ExecutionContext context) {
        UUID id = EvaluationTasks.evaluationOf(instance);
        String worker =
                Objects.requireNonNullElse(context.getExecution().pickedBy, "worker")
                        + "/"
                        + instance.getId();
        if (!store.start(id)) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        EvaluationStore.Stored evaluation = store.find(id).orElseThrow();
        if (!assistant.promptVersions().contains(evaluation.promptVersion())) {
            // Started on an instance with other prompts installed: leave it to instances like it.
            log.warn(
                    "Evaluation {} answers with prompt version {}, which this instance does not have"
                            + " (it has {}); leaving it to instances that do",
                    id,
                    evaluation.promptVersion(),
                    assistant.promptVersions());
            return rescheduleAt(Instant.now().plus(Duration.ofMinutes(1)));
        }
        List<GoldenItem> questions = store.questions(id);
        Caller caller;
        try {
            caller = accounts.caller(evaluation.createdBy());
        } catch (RuntimeException e) {
            store.end(
                    id,
                    EvaluationState.FAILED,
                    "the user who started it, %s, no longer exists"
                            .formatted(evaluation.createdBy()));
            return new CompletionHandler.OnCompleteRemove<>();
        }
        while (true) {
            if (context.getSchedulerState().isShuttingDown()) {
                return rescheduleAt(Instant.now());
            }
            if (store.find(id).map(e -> e.state() != EvaluationState.RUNNING).orElse(true)) {
                return new CompletionHandler.OnCompleteRemove<>();
            }
            Optional<EvaluationStore.Claimed> claimed = store.claim(id, worker, properties.lease());
            if (claimed.isEmpty()) {
                if (store.tryFinish(id)) {
                    EvaluationTasks.dropWaitingWork(context.getSchedulerClient(), id);
                    return new CompletionHandler.OnCompleteRemove<>();
                }
                // others hold the last questions, or one waits to be retried
                return rescheduleAt(Instant.now().plus(BUSY_RETRY));
            }
            EvaluationStore.Claimed item = claimed.get();
            if (!answer(evaluation, questions.get(item.position() - 1), item, worker, caller)) {
                return new CompletionHandler.OnCompleteRemove<>();
            }
        }
    }

    /** False when the evaluation cannot go on (its collection is gone or no longer readable). */
    private boolean answer(
            EvaluationStore.Stored evaluation,
            GoldenItem item,
            EvaluationStore.Claimed claimed,
            String worker,
            Caller caller) {
        UUID id = evaluation.id();
        String model = evaluation.models().get(claimed.modelIndex());
        try (Heartbeats.Beat beat =
                heartbeats.keep(
                        properties.lease(),
                        () -> store.renew(id, claimed, worker, properties.lease()))) {
            Question question;
            try {
                question =
                        assistant.check(
                                new AskRequest(
                                        item.question(), evaluation.collection(), null, model),
                                caller);
            } catch (ProblemException e) {
                if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                    store.end(id, EvaluationState.FAILED, e.getMessage());
                    return false;
                }
                store.failed(id, claimed, worker, e.getMessage());
                return true;
            }
            AnswerRun run =
                    assistant.evaluate(
                            question, properties.generationShare(), evaluation.promptVersion());
            ItemResult result = scorer.score(item, run);
            if (evaluation.judge() != null && run.answer().mode() == AnswerMode.ANSWERED) {
                ItemResult.Judgement judged =
                        judge.judge(
                                evaluation.judge(),
                                item.question(),
                                run.answer().answer(),
                                run.answer().passages(),
                                properties.generationShare(),
                                result.metrics());
                result = withJudgement(result, judged);
            }
            store.done(id, claimed, worker, result);
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.SERVICE_UNAVAILABLE
                    || e.status() == HttpStatus.TOO_MANY_REQUESTS) {
                // every slot busy with questions: not this question's fault, try again soon
                store.release(id, claimed, worker, BUSY_RETRY, false);
            } else {
                failOrRetry(id, claimed, worker, e);
            }
        } catch (RuntimeException e) {
            failOrRetry(id, claimed, worker, e);
        }
        return true;
    }

    private void failOrRetry(
            UUID id, EvaluationStore.Claimed claimed, String worker, RuntimeException e) {
        if (claimed.attempts() >= properties.maxAttempts()) {
            log.warn("Evaluation {} question {} failed for good", id, claimed.position(), e);
            store.failed(
                    id,
                    claimed,
                    worker,
                    "gave up after %d attempts: %s".formatted(claimed.attempts(), e.getMessage()));
        } else {
            log.warn("Evaluation {} question {} failed; will retry", id, claimed.position(), e);
            store.release(id, claimed, worker, BUSY_RETRY.multipliedBy(claimed.attempts()), true);
        }
    }

    private static ItemResult withJudgement(ItemResult r, ItemResult.Judgement judged) {
        return new ItemResult(
                r.mode(),
                r.answer(),
                r.rawOutput(),
                r.citations(),
                r.notice(),
                r.retrievedDocuments(),
                r.metrics(),
                r.firstTokenMs(),
                r.generationMs(),
                r.totalMs(),
                r.promptTokens(),
                r.completionTokens(),
                judged);
    }

    private static CompletionHandler<Void> rescheduleAt(Instant when) {
        return (complete, operations) -> operations.reschedule(complete, when);
    }
}
