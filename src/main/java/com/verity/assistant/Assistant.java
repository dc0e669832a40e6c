package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import com.verity.retrieval.Retriever;
import com.verity.security.Caller;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Answers questions about a collection from its passages: rewrite a follow-up, retrieve, decide
 * whether the knowledge base holds an answer at all, ask the model with the passages as numbered
 * data, check the citations, record the turn. The module's public facade.
 */
@Service
public class Assistant {

    private static final Logger log = LoggerFactory.getLogger(Assistant.class);

    /** A window no prompt fills: the passages are given as they are. */
    private static final ModelProfile UNBOUNDED =
            new ModelProfile(1_048_576, null, null, 1024, null, 1.0);

    private final AssistantProperties properties;
    private final Retriever retriever;
    private final ConversationReads conversations;
    private final TurnLog turns;
    private final QuestionCondenser condenser;
    private final AnswerPrompt prompt;
    private final ModelAttempts attempts;
    private final PromptLibrary prompts;
    private final AskRequests requests;
    private final NotFound notFound;
    private final Routings routings;
    private final ObjectProvider<VerifiedAnswerLookup> verified;
    private final AnswerMetrics metrics;

    Assistant(
            AssistantProperties properties,
            Retriever retriever,
            ConversationReads conversations,
            TurnLog turns,
            QuestionCondenser condenser,
            AnswerPrompt prompt,
            ModelAttempts attempts,
            PromptLibrary prompts,
            AskRequests requests,
            NotFound notFound,
            Routings routings,
            ObjectProvider<VerifiedAnswerLookup> verified,
            AnswerMetrics metrics) {
        this.metrics = metrics;
        this.properties = properties;
        this.retriever = retriever;
        this.conversations = conversations;
        this.turns = turns;
        this.condenser = condenser;
        this.prompt = prompt;
        this.attempts = attempts;
        this.prompts = prompts;
        this.requests = requests;
        this.notFound = notFound;
        this.routings = routings;
        this.verified = verified;
    }

    /** Checks a caller's request before any work starts; throws the problem to answer with. */
    public Question check(AskRequest request, Caller caller) {
        return requests.check(request, caller);
    }

    /** The models callers may ask for now, in configuration order. */
    public List<String> allowedModels() {
        return requests.allowedModels();
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

    /**
     * The system and user messages a model is given for {@code question} with {@code passages},
     * made with the prompt set of {@code promptVersion} when it is installed (a recorded turn's
     * version, of which a follow-up's rewrite is left out), else the current one: what training
     * data shows the model.
     */
    public PromptMessages promptMessages(
            String question, List<RetrievedPassage> passages, String promptVersion) {
        String setVersion =
                promptVersion == null
                        ? prompts.answerVersion()
                        : String.join(
                                "+", Arrays.stream(promptVersion.split("\\+")).limit(2).toList());
        PromptLibrary.PromptSet set = prompts.set(setVersion).orElse(prompts.current());
        // the passages as they were given (a turn's, fitted to its model's window then) or cited
        // (a verified answer's): none is left out for another model's window
        AnswerPrompt.Built built = prompt.build(question, passages, set, UNBOUNDED);
        return new PromptMessages(
                ((SystemMessage) built.messages().get(0)).text(),
                ((UserMessage) built.messages().get(1)).singleText(),
                set.version());
    }

    public Answer ask(AskRequest request, Caller caller) {
        return ask(check(request, caller), AnswerListener.NONE);
    }

    /** Answers a checked question, telling {@code listener} about each step as it happens. */
    public Answer ask(Question question, AnswerListener listener) {
        long asked = System.nanoTime();
        Made made = answer(question, listener, null, prompts.current(), true);
        count(made.run().answer(), asked);
        long started = System.nanoTime();
        int turn =
                turns.record(
                        question,
                        made.run().answer(),
                        made.best(),
                        made.attempts(),
                        made.verified());
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
        return answer(question, AnswerListener.NONE, slotShare, set, false).run();
    }

    /**
     * Answers a checked question as {@link #ask} does, with a live question's priority, but records
     * nothing: for a blind comparison of two models, which is not a conversation.
     */
    public AnswerRun answerUnrecorded(Question question) {
        long asked = System.nanoTime();
        AnswerRun run = answer(question, AnswerListener.NONE, null, prompts.current(), false).run();
        count(run.answer(), asked);
        return run;
    }

    /** An answer a caller is given (not an evaluation's) counts in the answers' meters. */
    private void count(Answer answer, long startedNanos) {
        metrics.answered(answer.model(), answer.mode(), startedNanos);
    }

    /**
     * An answer with what recording it needs: the best similarity, every model call, and the
     * verified answer it served (if any).
     */
    private record Made(
            AnswerRun run, Double best, List<ModelAttempt> attempts, java.util.UUID verified) {
        Made(AnswerRun run, Double best, List<ModelAttempt> attempts) {
            this(run, best, attempts, null);
        }
    }

    /**
     * {@code backgroundShare} null: a live question; else background work's share of slots. A
     * {@code live} question (one that is recorded) may be answered by a verified answer, and
     * escalates by its collection's routing.
     */
    private Made answer(
            Question question,
            AnswerListener listener,
            Double backgroundShare,
            PromptLibrary.PromptSet set,
            boolean live) {
        long started = System.nanoTime();
        List<Exchange> history = history(question);
        boolean followUp = !history.isEmpty() || !question.newConversation();
        QuestionCondenser.Standalone standalone =
                followUp
                        ? condenser.condense(question.text(), history, question.model())
                        : new QuestionCondenser.Standalone(question.text(), false);
        Answer.Asked asked =
                new Answer.Asked(
                        question.conversationId(),
                        set.version()
                                + (standalone.rewritten()
                                        ? "+" + prompts.condense().version()
                                        : ""),
                        followUp ? standalone.question() : null);
        Routing routing = live ? routings.of(question.collectionId(), question.collection()) : null;
        VerifiedAnswerLookup lookup = live ? verified.getIfAvailable() : null;
        if (lookup != null) {
            Optional<VerifiedAnswerLookup.Match> match =
                    lookup.match(
                            question.collectionId(),
                            standalone.question(),
                            routing.verifiedAnswerThreshold(),
                            question.caller());
            if (match.isPresent()) {
                return verified(asked, match.get(), listener, started);
            }
        }
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
                    List.of());
        }
        ModelAttempts.Call call =
                new ModelAttempts.Call(
                        question,
                        standalone.question(),
                        passages,
                        set,
                        listener,
                        backgroundShare,
                        started);
        ModelAttempt first = attempts.attempt(call, question.model(), false);
        if (!first.answered()) {
            return passagesOnly(asked, call, retrievalMs, best, first, List.of(first));
        }
        String why = attempts.escalates(routing, question, first, best);
        if (why == null) {
            return made(asked, call, retrievalMs, best, first, List.of(first), false);
        }
        log.info("Escalating from {} to {}: {}", question.model(), routing.escalationModel(), why);
        listener.onEscalation(routing.escalationModel(), why);
        ModelAttempt second = attempts.attempt(call, routing.escalationModel(), true);
        List<ModelAttempt> both = List.of(first, second);
        if (second.answered() && attempts.escalates(routing, null, second, best) == null) {
            return made(asked, call, retrievalMs, best, second, both, true);
        }
        ModelAttempt better =
                second.answered() && second.unsupportedShare() <= first.unsupportedShare()
                        ? second
                        : first;
        return made(
                asked,
                call,
                retrievalMs,
                best,
                better.withMode(AnswerMode.NEEDS_REVIEW),
                both,
                true);
    }

    /** The exchanges a question follows up on: given with it, or its conversation's last ones. */
    private List<Exchange> history(Question question) {
        if (question.history() != null) {
            List<Exchange> given = question.history();
            return given.subList(
                    Math.max(0, given.size() - properties.historyTurns()), given.size());
        }
        return question.newConversation()
                ? List.of()
                : conversations.history(
                        question.conversationId(), properties.historyTurns(), question.caller());
    }

    /** A verified answer served as it stands: no search, no model call. */
    private Made verified(
            Answer.Asked asked,
            VerifiedAnswerLookup.Match match,
            AnswerListener listener,
            long started) {
        listener.onPassages(match.passages());
        listener.onToken(match.answer());
        listener.onCitations(match.citations());
        long total = millisSince(started);
        Answer answer =
                Answer.verified(
                        asked,
                        match.answer(),
                        match.citations(),
                        match.passages(),
                        new Timings(total, null, null, total),
                        new Answer.Verified(
                                match.id(),
                                match.question(),
                                match.author(),
                                match.publishedAt(),
                                match.similarity()));
        return new Made(
                new AnswerRun(answer, match.passages(), null, List.of(), 0, 0, null, null, 0),
                match.similarity(),
                List.of(),
                match.id());
    }

    private Made passagesOnly(
            Answer.Asked asked,
            ModelAttempts.Call call,
            long retrievalMs,
            Double best,
            ModelAttempt failed,
            List<ModelAttempt> attempts) {
        Answer answer =
                Answer.passagesOnly(
                        asked,
                        failed.model(),
                        call.passages(),
                        new Timings(retrievalMs, null, null, millisSince(call.started())),
                        failed.failure(),
                        attempts.stream().map(ModelAttempt::view).toList());
        return new Made(
                new AnswerRun(answer, call.passages(), null, List.of(), 0, 0, null, null, 0),
                best,
                attempts);
    }

    /** The answer made of {@code shown}'s text and check, with every attempt recorded. */
    private Made made(
            Answer.Asked asked,
            ModelAttempts.Call call,
            long retrievalMs,
            Double best,
            ModelAttempt shown,
            List<ModelAttempt> attempts,
            boolean escalated) {
        call.listener().onCitations(shown.checked().citations());
        Answer answer =
                Answer.generated(
                                asked,
                                shown.model(),
                                shown.mode(),
                                shown.checked(),
                                shown.built().given(),
                                new Timings(
                                        retrievalMs,
                                        shown.firstTokenMs(),
                                        shown.generationMs(),
                                        millisSince(call.started())),
                                attempts.stream().map(ModelAttempt::view).toList(),
                                escalated)
                        .withUsage(usage(attempts));
        Generation generation = shown.generation();
        AnswerRun run =
                new AnswerRun(
                        answer,
                        call.passages(),
                        generation.text(),
                        CitationChecker.cited(generation.text()),
                        shown.built().given().size(),
                        shown.claims(),
                        generation.promptTokens(),
                        generation.answerTokens(),
                        shown.slotWaitMs());
        return new Made(run, best, attempts);
    }

    /** The tokens every attempt's model server counted, together; null when none counted any. */
    private static Answer.Usage usage(List<ModelAttempt> attempts) {
        int prompt = 0;
        int completion = 0;
        boolean counted = false;
        for (ModelAttempt attempt : attempts) {
            Generation generation = attempt.generation();
            if (generation == null) {
                continue;
            }
            if (generation.promptTokens() != null) {
                prompt += generation.promptTokens();
                counted = true;
            }
            if (generation.answerTokens() != null) {
                completion += generation.answerTokens();
                counted = true;
            }
        }
        return counted ? new Answer.Usage(prompt, completion) : null;
    }

    static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
