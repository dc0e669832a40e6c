package com.verity.assistant;

import java.util.UUID;

/**
 * A question about a collection, possibly a follow-up in a conversation, possibly for a named model
 * (one of the allowed ones; the default otherwise).
 */
public record AskRequest(String question, String collection, UUID conversationId, String model) {}
