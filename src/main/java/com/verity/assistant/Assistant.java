package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import com.verity.retrieval.Retriever;
import com.verity.security.Caller;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Answers questions about a collection from its passages: rewrite a follow-up, retrieve, decide
 * whether the knowledge base holds an answer at all, ask the model with the passages as numbered
 * data, check the citations, record the turn. The module's public facade.
 */
@Service
public class Assistant {

    private static final Logger log = LoggerFactory.getLogger(Assistant.class);

    private final AssistantProperties properties;
    private final Retriever retriever;
    private final ConversationReads conversations;
    private final TurnLog turns;
    private final QuestionCondenser condenser;
    private final AnswerPrompt prompt;
    private final ModelGateway models;
    private final GenerationSlots slots;
    private final CitationChecker checker;
    private final PromptLibrary prompts;
    private final AskRequests requests;
    private final NotFound notFound;

    Assistant(
            AssistantProperties properties,
            Retriever retriever,
            ConversationReads conversations,
            TurnLog turns,
            QuestionCondenser condenser,
            AnswerPrompt prompt,
            ModelGateway models,
            GenerationSlots slots,
            CitationChecker checker,
            PromptLibrary prompts,
            AskRequests requests,
            NotFound notFound) {
        this.properties = properties;
        this.retriever = retriever;
        this.conversations = conversations;
        this.turns = turns;
        this.condenser = condenser;
        this.prompt = prompt;
        this.models = models;
        this.slots = slots;
        this.checker = checker;
        this.prompts = prompts;
        this.requests = requests;
        this.notFound = notFound;
    }

    /** Checks a caller's request before any work starts; throws the problem to answer with. */
    public Question check(AskRequest request, Caller caller) {
        return requests.check(request, caller);
    }

    /** The versions of the prompts answers are made with now, as recorded with each answer. */
    public String promptVersion() {
        return prompts.answerVersion();
    }

    /**
     * The prompt versions an evaluation may answer with: the one in use first, then those under
     * {@code prompts/versions/} (docs/prompts.md).
     */
    public java.util.List<String> promptVersions() {
        return prompts.versions();
    }

    public Answer ask(AskRequest request, Caller caller) {
        return ask(check(request, caller), AnswerListener.NONE);
    }

    /** Answers a checked question, telling {@code listener} about each step as it happens. */
    public Answer ask(Question question, AnswerListener listener) {
        Made made = answer(question, listener, null, prompts.current());
        long started = System.nanoTime();
        int turn = turns.record(question, made.run().answer(), made.best(), made.generation());
        log.debug("Turn recorded in {} ms", (System.nanoTime() - started) / 1_000_000);
        return made.run().answer().withTurn(turn);
    }

    /**
     * Answers a checked question the way {@link #ask} does, as background work: the model call
     * takes a slot only while no question waits and fewer than {@code slotShare} of the slots do
     * background work; nothing is recorded in the conversations, and a model that cannot answer
     * gives a PASSAGES_ONLY answer whether or not it was chosen.
     */
    public AnswerRun evaluate(Question question, double slotShare) {
        return evaluate(question, slotShare, prompts.answerVersion());
    }

    /**
     * The same with another installed prompt version ({@link #promptVersions}): its system and
     * answer templates, and its decline sentence for NOT_FOUND.
     */
    public AnswerRun evaluate(Question question, double slotShare, String promptVersion) {
        PromptLibrary.PromptSet set =
                prompts.set(promptVersion)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "prompt version %s is not installed (installed: %s)"
                                                        .formatted(
                                                                promptVersion,
                                                                prompts.versions())));
        return answer(question, AnswerListener.NONE, slotShare, set).run();
    }

    /**
     * Answers a checked question as {@link #ask} does, with a live question's priority, but records
     * nothing: for a blind comparison of two models, which is not a conversation.
     */
    public AnswerRun answerUnrecorded(Question question) {
        return answer(question, AnswerListener.NONE, null, prompts.current()).run();
    }

    /** An answer with what recording it needs: the best similarity and the model's counts. */
    private record Made(AnswerRun run, Double best, Generation generation) {}

    /** {@code backgroundShare} null: a live question; else background work's share of slots. */
    private Made answer(
            Question question,
            AnswerListener listener,
            Double backgroundShare,
            PromptLibrary.PromptSet set) {
        long started = System.nanoTime();
        QuestionCondenser.Standalone standalone =
                question.newConversation()
                        ? new QuestionCondenser.Standalone(question.text(), false)
                        : condenser.condense(
                                question.text(),
                                conversations.history(
                                        question.conversationId(),
                                        properties.historyTurns(),
                                        question.caller()),
                                question.model());
        List<RetrievedPassage> passages =
                retriever.retrieve(
                        standalone.question(),
                        question.collection(),
                        properties.passages(),
                        question.caller());
        long retrievalMs = millisSince(started);
        Double best =
                passages.stream()
                        .map(RetrievedPassage::similarity)
                        .filter(Objects::nonNull)
                        .max(Double::compare)
                        .orElse(null);
        Answer.Asked asked =
                new Answer.Asked(
                        question.conversationId(),
                        set.version()
                                + (standalone.rewritten()
                                        ? "+" + prompts.condense().version()
                                        : ""),
                        question.newConversation() ? null : standalone.question());
        listener.onPassages(passages);
        if (notFound.nothingRelevant(best, question.collectionId())) {
            Answer answer =
                    Answer.nothingRelevant(
                            asked,
                            set.decline(),
                            passages,
                            new Timings(retrievalMs, null, null, millisSince(started)));
            return new Made(
                    new AnswerRun(answer, passages, null, List.of(), 0, 0, null, null, 0),
                    best,
                    null);
        }
        long promptStarted = System.nanoTime();
        ModelProfile profile = models.profile(question.model());
        AnswerPrompt.Built built = prompt.build(standalone.question(), passages, set, profile);
        long waitStarted = System.nanoTime();
        long generationStarted;
        Generation generation;
        try (GenerationSlots.Slot slot =
                backgroundShare == null
                        ? slots.acquire()
                        : slots.acquireBackground(backgroundShare)) {
            // the model call starts once a slot is held; the wait before is the line's, not its
            generationStarted = System.nanoTime();
            generation = models.stream(question.model(), built.messages(), listener::onToken);
        } catch (ModelUnavailableException e) {
            if (backgroundShare == null
                    && question.modelChosen()
                    && e.reason() == ModelUnavailableException.Reason.NOT_PULLED) {
                throw AssistantException.modelNotPulled(
                        question.model(), e.getMessage(), models.pullCommand(question.model()));
            }
            log.warn("No answer from {}: {}", question.model(), e.getMessage());
            Answer answer =
                    Answer.passagesOnly(
                            asked,
                            question.model(),
                            passages,
                            new Timings(retrievalMs, null, null, millisSince(started)),
                            e.getMessage());
            return new Made(
                    new AnswerRun(answer, passages, null, List.of(), 0, 0, null, null, 0),
                    best,
                    null);
        }
        warnIfTruncated(question.model(), generation, built, profile);
        long checkStarted = System.nanoTime();
        CitationChecker.Checked checked =
                checker.check(generation.text(), built.given(), question.model());
        if (log.isDebugEnabled()) {
            log.debug(
                    "Answer: retrieval {} ms, prompt {} ms, generation {} ms, check {} ms",
                    retrievalMs,
                    (waitStarted - promptStarted) / 1_000_000,
                    (checkStarted - generationStarted) / 1_000_000,
                    (System.nanoTime() - checkStarted) / 1_000_000);
        }
        listener.onCitations(checked.citations());
        Answer answer =
                Answer.generated(
                        asked,
                        question.model(),
                        notFound.modeOf(checked, set.decline()),
                        checked,
                        built.given(),
                        new Timings(
                                retrievalMs,
                                generation.firstTokenMillis(),
                                (checkStarted - generationStarted) / 1_000_000,
                                millisSince(started)));
        AnswerRun run =
                new AnswerRun(
                        answer,
                        passages,
                        generation.text(),
                        CitationChecker.cited(generation.text()),
                        built.given().size(),
                        checked.claims(),
                        generation.promptTokens(),
                        generation.answerTokens(),
                        (generationStarted - waitStarted) / 1_000_000);
        return new Made(run, best, generation);
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

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
