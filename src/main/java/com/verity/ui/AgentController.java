package com.verity.ui;

import com.verity.assistant.Answer;
import com.verity.assistant.AnswerEncoder;
import com.verity.assistant.AnswerStreams;
import com.verity.assistant.AskRequest;
import com.verity.assistant.Assistant;
import com.verity.assistant.AssistantRecords;
import com.verity.assistant.ConversationView;
import com.verity.assistant.Question;
import com.verity.assistant.TurnView;
import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.DocumentCatalog;
import com.verity.retrieval.RetrievedPassage;
import com.verity.security.Caller;
import com.verity.security.RateLimits;
import com.verity.web.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    private final CollectionCatalog collections;
    private final AssistantRecords records;
    private final Assistant assistant;
    private final DocumentCatalog documents;
    private final PendingQuestions pending;
    private final AnswerHtml html;
    private final FragmentRenderer fragments;
    private final AnswerStreams streams;
    private final RateLimits limits;
    private final AnswerEncoder encoder;

    AgentController(
            CollectionCatalog collections,
            AssistantRecords records,
            Assistant assistant,
            DocumentCatalog documents,
            PendingQuestions pending,
            AnswerHtml html,
            FragmentRenderer fragments,
            AnswerStreams streams,
            RateLimits limits) {
        this.collections = collections;
        this.records = records;
        this.assistant = assistant;
        this.documents = documents;
        this.pending = pending;
        this.html = html;
        this.fragments = fragments;
        this.streams = streams;
        this.limits = limits;
        this.encoder = pageEncoder();
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
            AskRequest request =
                    new AskRequest(
                            question,
                            collection,
                            conversationId,
                            model == null || model.isBlank() ? null : model);
            Question checked = assistant.check(request, caller);
            page.addAttribute("id", pending.put(request, caller.userId()));
            page.addAttribute("question", checked.text());
            return "fragments :: turn";
        } catch (ProblemException e) {
            page.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    /**
     * The answer to a posted question, on whichever instance the stream reaches: the question is
     * checked again for the caller (only the agent who posted it finds it).
     */
    @GetMapping(value = "/ui/questions/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> stream(@PathVariable UUID id, Caller caller) {
        AskRequest request = pending.take(id, caller.userId()).orElse(null);
        try {
            if (request == null) {
                throw new QuestionExpired();
            }
            return streams.stream(assistant.check(request, caller), encoder);
        } catch (ProblemException e) {
            return streams.problem(e, encoder);
        }
    }

    /** The page's events: HTML fragments, the answer's text escaped (docs/architecture.md). */
    private AnswerEncoder pageEncoder() {
        return new AnswerEncoder() {
            @Override
            public void passages(StreamSink sink, List<RetrievedPassage> passages) {
                sink.event("passages", fragments.passages(passages));
            }

            @Override
            public void token(StreamSink sink, String token) {
                sink.event("token", HtmlUtils.htmlEscape(token));
            }

            @Override
            public void escalation(StreamSink sink, String model, String reason) {
                sink.event(
                        "escalating",
                        HtmlUtils.htmlEscape(
                                "The first answer did not check out against the sources ("
                                        + reason
                                        + "); asking "
                                        + model
                                        + "…"));
            }

            @Override
            public void done(StreamSink sink, Answer answer) {
                sink.event(
                        "done",
                        fragments.answer(answer, html.render(answer.answer(), answer.citations())));
            }

            @Override
            public void problem(StreamSink sink, ProblemException problem) {
                sink.event("done", fragments.problem(problem.getMessage()));
            }
        };
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

    /** A posted question whose stream came too late, twice, or from someone else. */
    private static final class QuestionExpired extends ProblemException {
        QuestionExpired() {
            super(
                    HttpStatus.NOT_FOUND,
                    "question-expired",
                    "Question expired",
                    "This question expired; ask it again.");
        }
    }
}
