package com.verity.assistant;

import com.verity.collection.CollectionCatalog;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * What the assistant has recorded and what it can use: conversations with their turns, the content
 * gaps of a collection, the models and whether Ollama has them. The module's read-side facade.
 */
@Service
public class AssistantRecords {

    private final ConversationStore store;
    private final CollectionCatalog collections;
    private final ModelCatalog models;

    AssistantRecords(ConversationStore store, CollectionCatalog collections, ModelCatalog models) {
        this.store = store;
        this.collections = collections;
        this.models = models;
    }

    public ConversationView conversation(UUID id) {
        return store.view(id).orElseThrow(() -> AssistantException.conversationNotFound(id));
    }

    /** The newest questions of a collection that the knowledge base could not answer. */
    public List<ContentGap> contentGaps(String collection, int limit) {
        if (limit < 1 || limit > 1000) {
            throw AssistantException.invalid(
                    "invalid-limit", "Invalid limit", "limit must be between 1 and 1000.");
        }
        return store.gaps(collections.requireId(collection), limit);
    }

    /** Records whether an answer helped, with an optional comment, for admins to review. */
    public void rate(UUID conversation, int turn, boolean helpful, String comment) {
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > 2000) {
            throw AssistantException.invalid(
                    "comment-too-long",
                    "Comment too long",
                    "Keep the comment under 2,000 characters.");
        }
        if (!store.rate(conversation, turn, helpful ? 1 : -1, text)) {
            throw AssistantException.turnNotFound(conversation, turn);
        }
    }

    /** Questions, modes, latency and ratings of a collection over the last {@code days} days. */
    public Insight insight(String collection, int days) {
        if (days < 1 || days > 366) {
            throw AssistantException.invalid(
                    "invalid-days", "Invalid period", "days must be between 1 and 366.");
        }
        return store.insight(collections.requireId(collection), collection, days);
    }

    /** What admins should look at: content gaps, or answers rated down, newest first. */
    public List<ReviewItem> toReview(String collection, boolean ratedDown, int limit) {
        if (limit < 1 || limit > 1000) {
            throw AssistantException.invalid(
                    "invalid-limit", "Invalid limit", "limit must be between 1 and 1000.");
        }
        return store.toReview(collections.requireId(collection), ratedDown, limit);
    }

    /** A collection's most recently active conversations, to reopen one. */
    public List<ConversationSummary> recentConversations(String collection, int limit) {
        if (limit < 1 || limit > 200) {
            throw AssistantException.invalid(
                    "invalid-limit", "Invalid limit", "limit must be between 1 and 200.");
        }
        return store.recent(collections.requireId(collection), limit);
    }

    public ModelStatus models() {
        return models.status();
    }
}
