package com.verity.assistant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation with its turns, oldest first. */
public record ConversationView(
        UUID id, String collection, Instant createdAt, List<TurnView> turns) {}
