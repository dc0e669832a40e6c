package com.verity.collection;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A collection with how many documents it holds, by status.
 *
 * @param relevanceThreshold this collection's own NOT_FOUND threshold for answers (null: the
 *     service's default, verity.assistant.relevance-threshold)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionSummary(
        String name,
        String description,
        long documentCount,
        long indexedCount,
        long pendingCount,
        long failedCount,
        Double relevanceThreshold,
        Instant createdAt) {}
