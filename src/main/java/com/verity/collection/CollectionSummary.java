package com.verity.collection;

import java.time.Instant;

/** A collection with how many documents it holds, by status. */
public record CollectionSummary(
        String name,
        String description,
        long documentCount,
        long indexedCount,
        long pendingCount,
        long failedCount,
        Instant createdAt) {}
