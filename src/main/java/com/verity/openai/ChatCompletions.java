package com.verity.openai;

import com.verity.assistant.Answer;
import com.verity.assistant.AnswerListener;
import com.verity.assistant.AnswerMessages;
import com.verity.assistant.AnswerStreams;
import com.verity.assistant.AskRequest;
import com.verity.assistant.Assistant;
import com.verity.assistant.Question;
import com.verity.collection.CollectionCatalog;
import com.verity.collection.CollectionSummary;
import com.verity.security.Caller;
import com.verity.security.RateLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        Answer answer = assistant.ask(question, AnswerListener.NONE);
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
            throw OpenAiProblem.invalid(
                    "missing-model",
                    "Name a collection as the 'model' (or <collection>@<model>); GET /v1/models"
                            + " lists them.");
        }
        int at = model.indexOf('@');
        String collection = at < 0 ? model : model.substring(0, at);
        String chosen = at < 0 ? null : model.substring(at + 1);
        // the model list is the same for every collection: refusing a model first tells nothing of
        // the collection, whose readability assistant.check decides below (404 as if missing)
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
            throw OpenAiProblem.invalid("invalid-max-tokens", "max_tokens must be at least 1.");
        }
        Double temperature = request.temperature();
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw OpenAiProblem.invalid(
                    "invalid-temperature", "temperature must be between 0 and 2.");
        }
        return assistant
                .check(new AskRequest(messages.question(), collection, null, chosen), caller)
                .withHistory(messages.history())
                .withSampling(limit, temperature);
    }

    private static String id(Question question) {
        return "chatcmpl-" + question.conversationId();
    }
}
