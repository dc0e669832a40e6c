package com.verity.assistant;

import java.util.UUID;

/**
 * A checked question: its text, the collection it is about, the conversation it belongs to (new or
 * existing), and the model to answer with (chosen by the caller or the default).
 */
public record Question(
        String text,
        long collectionId,
        String collection,
        UUID conversationId,
        boolean newConversation,
        String model,
        boolean modelChosen) {}
