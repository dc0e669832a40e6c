package com.verity.assistant;

import com.verity.security.Caller;
import com.verity.security.RateLimits;
import com.verity.web.ProblemException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class AskController {

    private static final Logger log = LoggerFactory.getLogger(AskController.class);

    private final Assistant assistant;
    private final AssistantRecords records;
    private final ThreadPoolTaskExecutor streams;
    private final AssistantProperties properties;
    private final RateLimits limits;

    AskController(
            Assistant assistant,
            AssistantRecords records,
            ThreadPoolTaskExecutor answerStreams,
            AssistantProperties properties,
            RateLimits limits) {
        this.assistant = assistant;
        this.records = records;
        this.streams = answerStreams;
        this.properties = properties;
        this.limits = limits;
    }

    @PostMapping("/api/ask")
    Answer ask(@RequestBody AskRequest request, Caller caller) {
        limits.check(caller, RateLimits.Kind.ASK);
        return assistant.ask(request, caller);
    }

    /**
     * The same answer as Server-Sent Events: {@code passages}, then one {@code token} per piece of
     * text, {@code citations}, and {@code done} with the whole answer; or {@code error} with a
     * problem detail. Requests that are wrong from the start get a plain problem response instead.
     */
    @PostMapping(value = "/api/ask/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestBody AskRequest request, Caller caller) {
        limits.check(caller, RateLimits.Kind.ASK);
        Question question = assistant.check(request, caller);
        long timeout =
                properties.maxWait().plus(properties.ollama().totalTimeout()).toMillis() + 30_000;
        SseEmitter emitter = new SseEmitter(timeout);
        try {
            streams.execute(() -> answer(question, emitter));
        } catch (TaskRejectedException e) {
            throw AssistantException.busy(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many answers are streaming at once.", 5);
        }
        return emitter;
    }

    private void answer(Question question, SseEmitter emitter) {
        AnswerListener events =
                new AnswerListener() {
                    @Override
                    public void onPassages(List<com.verity.retrieval.RetrievedPassage> passages) {
                        send(emitter, "passages", passages);
                    }

                    @Override
                    public void onToken(String token) {
                        send(emitter, "token", Map.of("text", token));
                    }

                    @Override
                    public void onCitations(List<Citation> citations) {
                        send(emitter, "citations", citations);
                    }

                    @Override
                    public void onEscalation(String model, String reason) {
                        send(emitter, "escalating", Map.of("model", model, "reason", reason));
                    }
                };
        try {
            Answer answer = assistant.ask(question, events);
            send(emitter, "done", answer);
            emitter.complete();
        } catch (ClientGoneException e) {
            log.debug("Client left the stream of conversation {}", question.conversationId());
            emitter.complete();
        } catch (ProblemException e) {
            sendQuietly(emitter, "error", e.toProblemDetail());
            emitter.complete();
        } catch (RuntimeException e) {
            log.error("Streamed answer failed", e);
            sendQuietly(
                    emitter,
                    "error",
                    new ProblemException(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "answer-failed",
                            "Answer failed",
                            "The answer could not be completed; try again.") {}.toProblemDetail());
            emitter.complete();
        }
    }

    private static void send(SseEmitter emitter, String event, Object data) {
        try {
            emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            throw new ClientGoneException(e);
        }
    }

    private static void sendQuietly(SseEmitter emitter, String event, Object data) {
        try {
            send(emitter, event, data);
        } catch (ClientGoneException ignored) {
            // nobody is listening any more
        }
    }

    @GetMapping("/api/conversations/{id}")
    ConversationView conversation(@PathVariable UUID id, Caller caller) {
        return records.conversation(id, caller);
    }

    record Rating(Boolean helpful, String comment) {}

    @PutMapping("/api/conversations/{id}/turns/{turn}/rating")
    ResponseEntity<Void> rate(
            @PathVariable UUID id,
            @PathVariable int turn,
            @RequestBody Rating rating,
            Caller caller) {
        if (rating.helpful() == null) {
            throw AssistantException.invalid(
                    "missing-rating", "Rating missing", "Send \"helpful\": true or false.");
        }
        records.rate(id, turn, rating.helpful(), rating.comment(), caller);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/collections/{collection}/conversations")
    List<ConversationSummary> conversations(
            @PathVariable String collection,
            @RequestParam(defaultValue = "20") int limit,
            Caller caller) {
        return records.recentConversations(collection, limit, caller);
    }

    @GetMapping("/api/collections/{collection}/insight")
    Insight insight(
            @PathVariable String collection,
            @RequestParam(defaultValue = "30") int days,
            Caller caller) {
        return records.insight(collection, days, caller);
    }

    /** Answers rated down, newest first, with what was retrieved and answered. */
    @GetMapping("/api/collections/{collection}/rated-down")
    List<ReviewItem> ratedDown(
            @PathVariable String collection,
            @RequestParam(defaultValue = "100") int limit,
            Caller caller) {
        return records.toReview(collection, true, limit, caller);
    }

    @GetMapping("/api/collections/{collection}/usage")
    List<ModelUsage> usage(
            @PathVariable String collection,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate to,
            Caller caller) {
        return records.usage(collection, from, to, caller);
    }

    @GetMapping("/api/collections/{collection}/content-gaps")
    List<ContentGap> contentGaps(
            @PathVariable String collection,
            @RequestParam(defaultValue = "100") int limit,
            Caller caller) {
        return records.contentGaps(collection, limit, caller);
    }

    /** The client closed the stream; the answer is abandoned. */
    static final class ClientGoneException extends RuntimeException {
        ClientGoneException(Throwable cause) {
            super(cause);
        }
    }
}
