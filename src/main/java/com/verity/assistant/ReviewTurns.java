package com.verity.assistant;

import com.verity.collection.CollectionCatalog;
import com.verity.security.Caller;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The turns waiting for a collection's editors (docs/review.md): the module's facade for the review
 * queue. A turn of a collection the caller may not edit, or that draws on documents they may not
 * read, is not found.
 */
@Service
public class ReviewTurns {

    /** Why a turn is in the queue. */
    public static final Set<String> REASONS = Set.of("ESCALATED", "RATED_DOWN", "NOT_FOUND");

    private final ReviewQueries queries;
    private final CollectionCatalog collections;

    ReviewTurns(ReviewQueries queries, CollectionCatalog collections) {
        this.queries = queries;
        this.collections = collections;
    }

    public List<QueuedTurn> queue(String collection, String reason, int limit, Caller caller) {
        if (reason != null && !REASONS.contains(reason)) {
            throw AssistantException.invalid(
                    "invalid-reason",
                    "Invalid reason",
                    "reason is one of %s.".formatted(REASONS.stream().sorted().toList()));
        }
        if (limit < 1 || limit > 500) {
            throw AssistantException.invalid(
                    "invalid-limit", "Invalid limit", "limit must be between 1 and 500.");
        }
        return queries.queue(
                collections.requireEditable(collection, caller), reason, limit, caller);
    }

    /** A queued turn the caller reviews. */
    public QueuedTurn get(long turnId, Caller caller) {
        QueuedTurn turn = queries.find(turnId, caller).orElseThrow(() -> notQueued(turnId));
        collections.requireEditable(turn.collection(), caller);
        return turn;
    }

    /** Takes a turn out of the queue without an answer. */
    public QueuedTurn dismiss(long turnId, Caller caller) {
        QueuedTurn turn = get(turnId, caller);
        queries.markReviewed(turnId, "DISMISSED", caller.username());
        return turn;
    }

    /** Takes a turn out of the queue: a verified answer for it was published. */
    public void published(long turnId, Caller caller) {
        get(turnId, caller);
        queries.markReviewed(turnId, "PUBLISHED", caller.username());
    }

    private static AssistantException notQueued(long turnId) {
        return AssistantException.of(
                HttpStatus.NOT_FOUND,
                "review-item-not-found",
                "Review item not found",
                "There is no turn %d waiting for review (GET /api/review-queue?collection=...)."
                        .formatted(turnId));
    }
}
