package com.verity.assistant;

import java.time.Instant;
import java.util.UUID;

/** An earlier conversation, as listed for reopening: its first question and how long it ran. */
public record ConversationSummary(
        UUID id, String collection, String firstQuestion, int turns, Instant updatedAt) {}
