package com.verity.assistant;

import com.verity.collection.CollectionCatalog;
import org.springframework.stereotype.Component;

/**
 * The one place that decides that the knowledge base does not answer a question: before any model
 * is asked, when no passage is relevant enough (the collection's relevance threshold); after, when
 * the model replied with the system prompt's decline sentence and cited nothing. The sentence is
 * the prompt's own ({@code decline} in {@code prompts/system.md}), so the rule and the prompt
 * cannot drift apart.
 */
@Component
class NotFound {

    private final PromptLibrary prompts;
    private final CollectionCatalog collections;
    private final AssistantProperties properties;

    NotFound(PromptLibrary prompts, CollectionCatalog collections, AssistantProperties properties) {
        this.prompts = prompts;
        this.collections = collections;
        this.properties = properties;
    }

    /** The answer text of a NOT_FOUND answer: the sentence the model is told to decline with. */
    String sentence() {
        return prompts.decline();
    }

    /** No retrieved passage is similar enough to the question to be worth asking a model. */
    boolean nothingRelevant(Double bestSimilarity, long collectionId) {
        double threshold =
                collections
                        .relevanceThreshold(collectionId)
                        .orElse(properties.relevanceThreshold());
        return bestSimilarity == null || bestSimilarity < threshold;
    }

    /** The mode of a generated answer: NOT_FOUND when the model declined and cited nothing. */
    AnswerMode modeOf(CitationChecker.Checked checked) {
        return modeOf(checked, sentence());
    }

    /**
     * The same, for an answer made with a prompt set whose decline sentence is {@code sentence}.
     */
    AnswerMode modeOf(CitationChecker.Checked checked, String sentence) {
        String decline = sentence.strip();
        String stem = decline.endsWith(".") ? decline.substring(0, decline.length() - 1) : decline;
        boolean declined =
                checked.citations().isEmpty() && checked.answer().strip().startsWith(stem);
        return declined ? AnswerMode.NOT_FOUND : AnswerMode.ANSWERED;
    }
}
