package com.verity.assistant;

import com.verity.collection.CollectionCatalog;
import com.verity.security.Caller;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * What the assistant has recorded and what it can use: the caller's conversations with their turns,
 * and, for a collection's editors, its content gaps, insight and answers rated down; the models and
 * whether Ollama has them. The module's read-side facade.
 */
@Service
public class AssistantRecords {

    private final ConversationReads conversations;
    private final TurnLog turns;
    private final InsightQueries insight;
    private final CollectionCatalog collections;
    private final ModelCatalog models;

    AssistantRecords(
            ConversationReads conversations,
            TurnLog turns,
            InsightQueries insight,
            CollectionCatalog collections,
            ModelCatalog models) {
        this.conversations = conversations;
        this.turns = turns;
        this.insight = insight;
        this.collections = collections;
        this.models = models;
    }

    /** A conversation of the caller's; anybody else's is not found. */
    public ConversationView conversation(UUID id, Caller caller) {
        return conversations
                .view(id, caller)
                .orElseThrow(() -> AssistantException.conversationNotFound(id));
    }

    /** The newest questions of a collection that the knowledge base could not answer. */
    public List<ContentGap> contentGaps(String collection, int limit, Caller caller) {
        checkLimit(limit, 1000);
        return insight.gaps(collections.requireEditable(collection, caller), limit, caller);
    }

    /** Records whether an answer of the caller's helped, with an optional comment. */
    public void rate(UUID conversation, int turn, boolean helpful, String comment, Caller caller) {
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > 2000) {
            throw AssistantException.invalid(
                    "comment-too-long",
                    "Comment too long",
                    "Keep the comment under 2,000 characters.");
        }
        if (!turns.rate(conversation, turn, caller.userId(), helpful ? 1 : -1, text)) {
            throw AssistantException.turnNotFound(conversation, turn);
        }
    }

    /** Questions, modes, latency and ratings of a collection over the last {@code days} days. */
    public Insight insight(String collection, int days, Caller caller) {
        if (days < 1 || days > 366) {
            throw AssistantException.invalid(
                    "invalid-days", "Invalid period", "days must be between 1 and 366.");
        }
        return insight.insight(
                collections.requireEditable(collection, caller), collection, days, caller);
    }

    /** What editors should look at: content gaps, or answers rated down, newest first. */
    public List<ReviewItem> toReview(
            String collection, boolean ratedDown, int limit, Caller caller) {
        checkLimit(limit, 1000);
        return insight.toReview(
                collections.requireEditable(collection, caller), ratedDown, limit, caller);
    }

    /** Answers agents rated helpful whose every claim checks, newest first (for golden sets). */
    public List<HelpfulAnswer> helpfulAnswers(String collection, int limit, Caller caller) {
        checkLimit(limit, 5000);
        return insight.helpful(collections.requireEditable(collection, caller), limit, caller);
    }

    /** The caller's most recently active conversations in a collection, to reopen one. */
    public List<ConversationSummary> recentConversations(
            String collection, int limit, Caller caller) {
        checkLimit(limit, 200);
        return conversations.recent(collections.requireReadable(collection, caller), caller, limit);
    }

    /**
     * What the models cost the collection per day and model, {@code from} to {@code to} inclusive
     * (null: the last 30 days up to today, UTC), at most 366 days.
     */
    public List<ModelUsage> usage(String collection, LocalDate from, LocalDate to, Caller caller) {
        long collectionId = collections.requireEditable(collection, caller);
        LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last) || first.plusDays(366).isBefore(last)) {
            throw AssistantException.invalid(
                    "invalid-range",
                    "Invalid range",
                    "'from' (%s) must be on or before 'to' (%s), at most 366 days apart (dates as 2026-12-01)."
                            .formatted(first, last));
        }
        return insight.usage(collectionId, first, last);
    }

    public ModelStatus models() {
        return models.status();
    }

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw AssistantException.invalid(
                    "invalid-limit",
                    "Invalid limit",
                    "limit must be between 1 and %d.".formatted(max));
        }
    }
}
