package com.verity.assistant;

import com.verity.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Questions the assistant cannot take, as problem details that say what to do. */
class AssistantException extends ProblemException {

    private final Long retryAfterSeconds;

    private AssistantException(
            HttpStatus status, String slug, String title, String detail, Long retryAfterSeconds) {
        super(status, slug, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for the Retry-After header, or null. */
    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static AssistantException invalid(String slug, String title, String detail) {
        return new AssistantException(HttpStatus.BAD_REQUEST, slug, title, detail, null);
    }

    static AssistantException modelNotAllowed(String model, Iterable<String> allowed) {
        return (AssistantException)
                new AssistantException(
                                HttpStatus.BAD_REQUEST,
                                "model-not-allowed",
                                "Model not allowed",
                                "The model '%s' is not one this service offers; pick one of %s (GET /api/models)."
                                        .formatted(model, allowed),
                                null)
                        .with("model", model);
    }

    static AssistantException modelNotPulled(String model, String detail, String command) {
        return (AssistantException)
                new AssistantException(
                                HttpStatus.CONFLICT,
                                "model-not-pulled",
                                "Model not pulled",
                                detail,
                                null)
                        .with("model", model)
                        .with("command", command);
    }

    /** Any other problem of this module, e.g. of model management. */
    static AssistantException of(HttpStatus status, String slug, String title, String detail) {
        return new AssistantException(status, slug, title, detail, null);
    }

    static AssistantException conversationNotFound(UUID id) {
        return new AssistantException(
                HttpStatus.NOT_FOUND,
                "conversation-not-found",
                "Conversation not found",
                "There is no conversation %s; leave out conversationId to start a new one."
                        .formatted(id),
                null);
    }

    static AssistantException turnNotFound(UUID conversation, int turn) {
        return new AssistantException(
                HttpStatus.NOT_FOUND,
                "turn-not-found",
                "Answer not found",
                "Conversation %s has no answer number %d.".formatted(conversation, turn),
                null);
    }

    static AssistantException conversationElsewhere(UUID id, String collection) {
        return new AssistantException(
                HttpStatus.CONFLICT,
                "conversation-in-other-collection",
                "Conversation belongs to another collection",
                "Conversation %s is about the collection '%s'; ask there, or start a new conversation."
                        .formatted(id, collection),
                null);
    }

    static AssistantException busy(HttpStatus status, String detail, long retryAfterSeconds) {
        return (AssistantException)
                new AssistantException(
                                status,
                                "assistant-busy",
                                "Too many questions at once",
                                detail + " Try again in " + retryAfterSeconds + " s.",
                                retryAfterSeconds)
                        .with("retryAfterSeconds", retryAfterSeconds)
                        .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    /** Something unexpected broke an answer already streaming: said without its cause. */
    static AssistantException answerFailed() {
        return new AssistantException(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "answer-failed",
                "Answer failed",
                "The answer could not be completed; try again.",
                null);
    }
}
