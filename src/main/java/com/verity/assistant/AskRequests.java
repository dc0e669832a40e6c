package com.verity.assistant;

import com.verity.collection.CollectionCatalog;
import com.verity.security.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Checks a question request before any work starts: each problem with what to do about it. */
@Component
class AskRequests {

    private static final int MAX_QUESTION_CHARS = 2000;

    private final ModelRegistry models;
    private final Routings routings;
    private final CollectionCatalog collections;
    private final ConversationReads conversations;

    AskRequests(
            ModelRegistry models,
            Routings routings,
            CollectionCatalog collections,
            ConversationReads conversations) {
        this.models = models;
        this.routings = routings;
        this.collections = collections;
        this.conversations = conversations;
    }

    List<String> allowedModels() {
        return models.allowed();
    }

    /** Checks a request before any work starts; throws the problem to answer with. */
    Question check(AskRequest request, Caller caller) {
        String text = request.question() == null ? "" : request.question().strip();
        if (text.isEmpty()) {
            throw AssistantException.invalid(
                    "empty-question", "Empty question", "Send a non-empty 'question'.");
        }
        if (text.length() > MAX_QUESTION_CHARS) {
            throw AssistantException.invalid(
                    "question-too-long",
                    "Question too long",
                    "The question has %d characters; keep it under %d."
                            .formatted(text.length(), MAX_QUESTION_CHARS));
        }
        if (request.collection() == null || request.collection().isBlank()) {
            throw AssistantException.invalid(
                    "missing-collection", "Collection missing", "Name the 'collection' to ask.");
        }
        long collectionId = collections.requireReadable(request.collection(), caller);
        boolean chosen = request.model() != null && !request.model().isBlank();
        String model =
                chosen
                        ? request.model().strip()
                        : routings.of(collectionId, request.collection()).defaultModel();
        List<String> allowed = models.allowed();
        if (!allowed.contains(model)) {
            throw AssistantException.modelNotAllowed(model, allowed);
        }
        UUID conversation = request.conversationId();
        if (conversation != null) {
            ConversationReads.Owned owner =
                    conversations
                            .owned(conversation, caller)
                            .orElseThrow(
                                    () -> AssistantException.conversationNotFound(conversation));
            if (owner.collectionId() != collectionId) {
                throw AssistantException.conversationElsewhere(conversation, owner.collection());
            }
        }
        return new Question(
                text,
                collectionId,
                request.collection(),
                conversation != null ? conversation : UUID.randomUUID(),
                conversation == null,
                model,
                chosen,
                caller,
                null,
                null);
    }
}
