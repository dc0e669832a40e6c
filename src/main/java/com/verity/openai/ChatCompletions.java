package com.verity.openai;

import com.verity.assistant.Answer;
import com.verity.assistant.AnswerEncoder;
import com.verity.assistant.AnswerMessages;
import com.verity.assistant.AnswerStreams;
import com.verity.assistant.AskRequest;
import com.verity.assistant.Assistant;
import com.verity.assistant.Exchange;
import com.verity.assistant.Question;
import com.verity.collection.CollectionCatalog;
import com.verity.collection.CollectionSummary;
import com.verity.retrieval.RetrievedPassage;
import com.verity.security.Caller;
import com.verity.security.RateLimits;
import com.verity.web.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * OpenAI's chat completions over Verity's answers (docs/openai.md): the "model" names the
 * collection and maybe the model, the messages give the question and what came before, and the
 * answer comes back with its {@code [n]} markers and its citations.
 */
@Component
class ChatCompletions {

    private final Assistant assistant;
    private final CollectionCatalog collections;
    private final AnswerStreams streams;
    private final RateLimits limits;

    ChatCompletions(
            Assistant assistant,
            CollectionCatalog collections,
            AnswerStreams streams,
            RateLimits limits) {
        this.assistant = assistant;
        this.collections = collections;
        this.streams = streams;
        this.limits = limits;
    }

    /** Every collection the caller may read, alone and with each allowed model. */
    ChatFormat.ModelList models(Caller caller) {
        List<String> models = assistant.allowedModels();
        List<ChatFormat.ModelEntry> entries = new ArrayList<>();
        for (CollectionSummary collection : collections.list(caller)) {
            entries.add(new ChatFormat.ModelEntry(collection.name()));
            models.forEach(
                    m -> entries.add(new ChatFormat.ModelEntry(collection.name() + "@" + m)));
        }
        return new ChatFormat.ModelList(entries);
    }

    ChatFormat.Completion complete(ChatRequest request, Caller caller) {
        Question question = question(request, caller);
        Answer answer = assistant.ask(question, com.verity.assistant.AnswerListener.NONE);
        return new ChatFormat.Completion(
                id(question),
                "chat.completion",
                Instant.now().getEpochSecond(),
                request.model(),
                List.of(
                        new ChatFormat.Choice(
                                0,
                                new ChatFormat.Message(
                                        "assistant",
                                        AnswerMessages.text(answer),
                                        null,
                                        ChatFormat.Source.of(answer.citations())),
                                null,
                                "stop")),
                ChatFormat.Usage.of(answer.usage()));
    }

    ResponseEntity<SseEmitter> stream(ChatRequest request, Caller caller) {
        Question question = question(request, caller);
        return streams.stream(
                question,
                new ChunkEncoder(
                        id(question),
                        Instant.now().getEpochSecond(),
                        request.model(),
                        request.usageStreamed()));
    }

    /** The checked question a request asks, with the exchanges before it and its sampling. */
    private Question question(ChatRequest request, Caller caller) {
        limits.check(caller, RateLimits.Kind.ASK);
        String model = request.model() == null ? "" : request.model().strip();
        if (model.isEmpty()) {
            throw invalid(
                    "missing-model",
                    "Name a collection as the 'model' (or <collection>@<model>); GET /v1/models"
                            + " lists them.");
        }
        int at = model.indexOf('@');
        String collection = at < 0 ? model : model.substring(0, at);
        String chosen = at < 0 ? null : model.substring(at + 1);
        collections.requireReadable(collection, caller);
        if (chosen != null && !assistant.allowedModels().contains(chosen)) {
            throw new OpenAiProblem(
                    HttpStatus.NOT_FOUND,
                    "model_not_found",
                    "The model '%s' after '@' is not one Verity may answer with; GET /v1/models lists the ids."
                            .formatted(chosen));
        }
        Messages messages = Messages.of(request.messages());
        Integer limit = request.tokenLimit();
        if (limit != null && limit < 1) {
            throw invalid("invalid-max-tokens", "max_tokens must be at least 1.");
        }
        Double temperature = request.temperature();
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw invalid("invalid-temperature", "temperature must be between 0 and 2.");
        }
        return assistant
                .check(new AskRequest(messages.question(), collection, null, chosen), caller)
                .withHistory(messages.history())
                .withSampling(limit, temperature);
    }

    private static String id(Question question) {
        return "chatcmpl-" + question.conversationId();
    }

    private static OpenAiProblem invalid(String code, String message) {
        return new OpenAiProblem(HttpStatus.BAD_REQUEST, code, message);
    }

    /** A request the OpenAI-compatible API refuses, in its own words. */
    static final class OpenAiProblem extends ProblemException {
        OpenAiProblem(HttpStatus status, String code, String message) {
            super(status, code, "Invalid request", message);
        }
    }

    /** The question (the last message, the user's) and the exchanges before it. */
    record Messages(String question, List<Exchange> history) {

        static Messages of(List<ChatRequest.Message> messages) {
            if (messages == null || messages.isEmpty()) {
                throw invalid(
                        "missing-messages", "Send 'messages' ending with the user's question.");
            }
            List<Exchange> history = new ArrayList<>();
            String asked = null;
            for (ChatRequest.Message message : messages) {
                String role = message.role() == null ? "" : message.role();
                switch (role) {
                    case "user" -> {
                        if (asked != null) {
                            // two user messages in a row: the first had no answer
                            history.add(new Exchange(asked, ""));
                        }
                        asked = text(message.content());
                    }
                    case "assistant" -> {
                        if (asked != null) {
                            history.add(new Exchange(asked, text(message.content())));
                            asked = null;
                        }
                    }
                    // Verity's own instructions govern its answers: a client's system prompt
                    // cannot loosen them; tool messages carry nothing to answer from
                    case "system", "developer", "tool", "function" -> {}
                    default ->
                            throw invalid(
                                    "invalid-role",
                                    "Message roles are user, assistant, system or developer; got '%s'."
                                            .formatted(role));
                }
            }
            ChatRequest.Message last = messages.get(messages.size() - 1);
            if (asked == null || !"user".equals(last.role())) {
                throw invalid("missing-question", "The last message must be the user's question.");
            }
            return new Messages(asked, history);
        }

        /** A message's text: a string, or its text parts joined; other parts are refused. */
        private static String text(Object content) {
            if (content == null) {
                return "";
            }
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof List<?> parts) {
                StringBuilder text = new StringBuilder();
                for (Object part : parts) {
                    if (part instanceof Map<?, ?> map && "text".equals(map.get("type"))) {
                        text.append(text.isEmpty() ? "" : "\n").append(map.get("text"));
                    } else {
                        throw invalid(
                                "unsupported-content",
                                "Only text content is supported: send parts of type 'text'.");
                    }
                }
                return text.toString();
            }
            throw invalid(
                    "invalid-content", "A message's content is a string or a list of text parts.");
        }
    }

    /** OpenAI's chunks: the role first, a chunk per token, the citations on the last one. */
    private static final class ChunkEncoder implements AnswerEncoder {

        private final String id;
        private final long created;
        private final String model;
        private final boolean usage;
        private boolean started;
        private boolean streamedText;

        ChunkEncoder(String id, long created, String model, boolean usage) {
            this.id = id;
            this.created = created;
            this.model = model;
            this.usage = usage;
        }

        @Override
        public void passages(StreamSink sink, List<RetrievedPassage> passages) {
            start(sink);
        }

        @Override
        public void token(StreamSink sink, String token) {
            text(sink, token);
        }

        @Override
        public void escalation(StreamSink sink, String escalationModel, String reason) {
            // OpenAI's clients cannot take back what was streamed: say that it is replaced
            text(
                    sink,
                    "\n\n(The answer above did not check out against the sources: %s. %s answers"
                            + " again.)\n\n".formatted(reason, escalationModel));
        }

        @Override
        public void done(StreamSink sink, Answer answer) {
            start(sink);
            String rest =
                    streamedText
                            ? AnswerMessages.afterStreamedText(answer)
                            : AnswerMessages.text(answer);
            if (!rest.isEmpty()) {
                text(sink, rest);
            }
            sink.data(
                    chunk(
                            List.of(
                                    new ChatFormat.ChunkChoice(
                                            0, new ChatFormat.Delta(null, null), null, "stop")),
                            null,
                            ChatFormat.Source.of(answer.citations())));
            if (usage) {
                sink.data(chunk(List.of(), ChatFormat.Usage.of(answer.usage()), null));
            }
            sink.data("[DONE]");
        }

        @Override
        public void problem(StreamSink sink, ProblemException problem) {
            sink.data(
                    com.verity.web.OpenAiErrors.body(
                            problem.status(), problem.slug(), problem.getMessage()));
            sink.data("[DONE]");
        }

        private void start(StreamSink sink) {
            if (!started) {
                started = true;
                sink.data(
                        chunk(
                                List.of(
                                        new ChatFormat.ChunkChoice(
                                                0,
                                                new ChatFormat.Delta("assistant", ""),
                                                null,
                                                null)),
                                null,
                                null));
            }
        }

        private void text(StreamSink sink, String text) {
            start(sink);
            streamedText = true;
            sink.data(
                    chunk(
                            List.of(
                                    new ChatFormat.ChunkChoice(
                                            0, new ChatFormat.Delta(null, text), null, null)),
                            null,
                            null));
        }

        private ChatFormat.Chunk chunk(
                List<ChatFormat.ChunkChoice> choices,
                ChatFormat.Usage counted,
                List<ChatFormat.Source> citations) {
            return new ChatFormat.Chunk(
                    id, "chat.completion.chunk", created, model, choices, counted, citations);
        }
    }
}
