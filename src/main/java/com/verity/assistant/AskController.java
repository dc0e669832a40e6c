package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import com.verity.security.Caller;
import com.verity.security.RateLimits;
import com.verity.web.ProblemException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    private final Assistant assistant;
    private final AssistantRecords records;
    private final AnswerStreams streams;
    private final RateLimits limits;

    AskController(
            Assistant assistant,
            AssistantRecords records,
            AnswerStreams streams,
            RateLimits limits) {
        this.assistant = assistant;
        this.records = records;
        this.streams = streams;
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
    ResponseEntity<SseEmitter> stream(@RequestBody AskRequest request, Caller caller) {
        limits.check(caller, RateLimits.Kind.ASK);
        return streams.stream(assistant.check(request, caller), EVENTS);
    }

    /** The JSON events of {@code /api/ask/stream} (docs/api.md). */
    private static final AnswerEncoder EVENTS =
            new AnswerEncoder() {
                @Override
                public void passages(StreamSink sink, List<RetrievedPassage> passages) {
                    sink.event("passages", passages);
                }

                @Override
                public void token(StreamSink sink, String token) {
                    sink.event("token", Map.of("text", token));
                }

                @Override
                public void citations(StreamSink sink, List<Citation> citations) {
                    sink.event("citations", citations);
                }

                @Override
                public void escalation(StreamSink sink, String model, String reason) {
                    sink.event("escalating", Map.of("model", model, "reason", reason));
                }

                @Override
                public void done(StreamSink sink, Answer answer) {
                    sink.event("done", answer);
                }

                @Override
                public void problem(StreamSink sink, ProblemException problem) {
                    sink.event("error", problem.toProblemDetail());
                }
            };

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
}
