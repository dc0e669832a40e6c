package com.verity.assistant;

import com.verity.security.Caller;
import java.util.UUID;

/**
 * A checked question: its text, the collection it is about, the conversation it belongs to (new or
 * existing), the model to answer with (chosen by the caller or the default), and who asks (the
 * answer draws only on what they may read).
 */
public record Question(
        String text,
        long collectionId,
        String collection,
        UUID conversationId,
        boolean newConversation,
        String model,
        boolean modelChosen,
        Caller caller) {}
