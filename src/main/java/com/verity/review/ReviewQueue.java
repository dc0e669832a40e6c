package com.verity.review;

import com.verity.assistant.QueuedTurn;
import com.verity.assistant.ReviewTurns;
import com.verity.collection.CollectionCatalog;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A collection's review queue (docs/review.md): turns that need review (escalation failed), rated
 * down or NOT_FOUND, and verified answers suspended because a cited document changed; newest first.
 */
@Service
public class ReviewQueue {

    private final ReviewTurns turns;
    private final VerifiedAnswers verified;
    private final CollectionCatalog collections;
    private final AuditLog audit;

    ReviewQueue(
            ReviewTurns turns,
            VerifiedAnswers verified,
            CollectionCatalog collections,
            AuditLog audit) {
        this.turns = turns;
        this.verified = verified;
        this.collections = collections;
        this.audit = audit;
    }

    /** {@code reason} null: every reason; SUSPENDED: the suspended verified answers only. */
    public List<QueueItem> items(String collection, String reason, int limit, Caller caller) {
        if (collection == null || collection.isBlank()) {
            throw VerifiedAnswers.invalid(
                    "missing-collection", "Name the 'collection' whose queue to read.");
        }
        if (limit < 1 || limit > 500) {
            throw VerifiedAnswers.invalid("invalid-limit", "limit must be between 1 and 500.");
        }
        List<QueueItem> items = new ArrayList<>();
        if (!"SUSPENDED".equals(reason)) {
            turns.queue(collection, reason, limit, caller).stream()
                    .map(QueueItem::of)
                    .forEach(items::add);
        }
        if (reason == null || "SUSPENDED".equals(reason)) {
            long id = collections.requireEditable(collection, caller);
            verified.suspended(id, limit, caller).stream().map(QueueItem::of).forEach(items::add);
        }
        items.sort(Comparator.comparing(QueueItem::createdAt).reversed());
        return items.size() > limit ? items.subList(0, limit) : items;
    }

    public QueuedTurn item(long turnId, Caller caller) {
        return turns.get(turnId, caller);
    }

    public QueuedTurn dismiss(long turnId, Caller caller) {
        QueuedTurn turn = turns.dismiss(turnId, caller);
        audit.record(
                AuditType.REVIEW_DISMISSED,
                caller,
                turn.collection(),
                Map.of("turn", turnId, "reason", turn.reason()));
        return turn;
    }
}
