package com.verity.ui;

import com.verity.assistant.Answer;
import com.verity.assistant.AnswerListener;
import com.verity.assistant.AskRequest;
import com.verity.assistant.Assistant;
import com.verity.assistant.AssistantRecords;
import com.verity.assistant.Citation;
import com.verity.assistant.ConversationView;
import com.verity.assistant.Question;
import com.verity.assistant.TurnView;
import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.DocumentCatalog;
import com.verity.retrieval.RetrievedPassage;
import com.verity.security.Caller;
import com.verity.security.RateLimits;
import com.verity.web.ProblemException;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.HtmlUtils;

/**
 * The agents' page: ask, watch the answer stream in, open cited passages. Everything goes through
 * the assistant's and the catalogs' public services, exactly as the REST API does.
 */
@Controller
class AgentController {

    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(AgentController.class);

    private final CollectionCatalog collections;
    private final AssistantRecords records;
    private final Assistant assistant;
    private final DocumentCatalog documents;
    private final PendingQuestions pending;
    private final AnswerHtml html;
    private final FragmentRenderer fragments;
    private final TaskExecutor streams;
    private final RateLimits limits;

    AgentController(
            CollectionCatalog collections,
            AssistantRecords records,
            Assistant assistant,
            DocumentCatalog documents,
            PendingQuestions pending,
            AnswerHtml html,
            FragmentRenderer fragments,
            TaskExecutor uiStreams,
            RateLimits limits) {
        this.collections = collections;
        this.records = records;
        this.assistant = assistant;
        this.documents = documents;
        this.pending = pending;
        this.html = html;
        this.fragments = fragments;
        this.streams = uiStreams;
        this.limits = limits;
    }

    /** A turn of a reopened conversation, rendered like a fresh answer. */
    record PastTurn(String question, String mode, String answerHtml, String notice) {}

    @GetMapping("/")
    String agent(
            @RequestParam(required = false) String collection,
            @RequestParam(required = false) UUID conversation,
            Caller caller,
            Model model) {
        List<com.verity.collection.CollectionSummary> all = collections.list(caller);
        String selected = collection;
        if (conversation != null) {
            ConversationView view = records.conversation(conversation, caller);
            selected = view.collection();
            model.addAttribute("conversationId", conversation);
            model.addAttribute("history", view.turns().stream().map(this::pastTurn).toList());
        }
        if (selected == null && !all.isEmpty()) {
            selected = all.get(0).name();
        }
        model.addAttribute("collections", all);
        model.addAttribute("selected", selected);
        model.addAttribute(
                "recent",
                selected == null ? List.of() : records.recentConversations(selected, 20, caller));
        model.addAttribute("models", records.models());
        return "agent";
    }

    private PastTurn pastTurn(TurnView turn) {
        return new PastTurn(
                turn.question(),
                turn.mode().name(),
                html.render(turn.answer(), turn.citations()),
                turn.notice());
    }

    @PostMapping("/ui/questions")
    String ask(
            @RequestParam String question,
            @RequestParam String collection,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) UUID conversationId,
            Caller caller,
            Model page) {
        try {
            limits.check(caller, RateLimits.Kind.ASK);
            Question checked =
                    assistant.check(
                            new AskRequest(
                                    question,
                                    collection,
                                    conversationId,
                                    model == null || model.isBlank() ? null : model),
                            caller);
            page.addAttribute("id", pending.put(checked));
            page.addAttribute("question", checked.text());
            return "fragments :: turn";
        } catch (ProblemException e) {
            page.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    @GetMapping(value = "/ui/questions/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable UUID id, Caller caller) {
        SseEmitter emitter = new SseEmitter(300_000L);
        // only the agent who asked may read the answer
        Question question = pending.take(id, caller.userId()).orElse(null);
        try {
            streams.execute(() -> answer(question, emitter));
        } catch (TaskRejectedException busy) {
            send(
                    emitter,
                    "done",
                    problem("Too many answers are streaming; ask again in a few seconds."));
            emitter.complete();
        }
        return emitter;
    }

    private void answer(Question question, SseEmitter emitter) {
        try {
            if (question == null) {
                send(emitter, "done", problem("This question expired; ask it again."));
                emitter.complete();
                return;
            }
            Answer answer =
                    assistant.ask(
                            question,
                            new AnswerListener() {
                                @Override
                                public void onPassages(List<RetrievedPassage> passages) {
                                    send(emitter, "passages", fragments.passages(passages));
                                }

                                @Override
                                public void onToken(String token) {
                                    send(emitter, "token", HtmlUtils.htmlEscape(token));
                                }

                                @Override
                                public void onEscalation(String model, String reason) {
                                    send(
                                            emitter,
                                            "escalating",
                                            HtmlUtils.htmlEscape(
                                                    "The first answer did not check out against"
                                                            + " the sources ("
                                                            + reason
                                                            + "); asking "
                                                            + model
                                                            + "…"));
                                }
                            });
            List<Citation> citations = answer.citations();
            send(
                    emitter,
                    "done",
                    fragments.answer(answer, html.render(answer.answer(), citations)));
            emitter.complete();
        } catch (ProblemException e) {
            send(emitter, "done", problem(e.getMessage()));
            emitter.complete();
        } catch (StreamClosed e) {
            emitter.complete();
        } catch (RuntimeException e) {
            log.error("Streamed answer failed", e);
            send(emitter, "done", problem("The answer failed; try again."));
            emitter.complete();
        }
    }

    @PostMapping("/ui/ratings")
    String rate(
            @RequestParam UUID conversationId,
            @RequestParam int turn,
            @RequestParam boolean helpful,
            @RequestParam(required = false) String comment,
            Caller caller,
            Model model) {
        try {
            records.rate(conversationId, turn, helpful, comment, caller);
            model.addAttribute("helpful", helpful);
            return "fragments :: rated";
        } catch (ProblemException e) {
            model.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    @GetMapping("/ui/sources")
    String source(
            @RequestParam UUID document,
            @RequestParam int start,
            @RequestParam int end,
            Caller caller,
            Model model) {
        model.addAttribute("document", documents.get(document, caller));
        model.addAttribute(
                "excerpt", SourceExcerpt.of(documents.extractedText(document, caller), start, end));
        return "fragments :: source";
    }

    private String problem(String message) {
        return fragments.problem(message);
    }

    private static void send(SseEmitter emitter, String event, String data) {
        try {
            emitter.send(SseEmitter.event().name(event).data(data));
        } catch (IOException | IllegalStateException e) {
            throw new StreamClosed(e);
        }
    }

    /** The browser closed the page or the stream. */
    private static final class StreamClosed extends RuntimeException {
        StreamClosed(Throwable cause) {
            super(cause);
        }
    }
}
