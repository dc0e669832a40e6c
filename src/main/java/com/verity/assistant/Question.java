package com.verity.assistant;

import com.verity.security.Caller;
import java.util.List;
import java.util.UUID;

/**
 * A checked question: its text, the collection it is about, the conversation it belongs to (new or
 * existing), the model to answer with (chosen by the caller or the default), and who asks (the
 * answer draws only on what they may read), and the earlier exchanges it may follow up on when the
 * client keeps the conversation (null when Verity does).
 */
public record Question(
        String text,
        long collectionId,
        String collection,
        UUID conversationId,
        boolean newConversation,
        String model,
        boolean modelChosen,
        Caller caller,
        List<Exchange> history,
        ModelProfile sampling) {

    /**
     * The same question following up on {@code earlier} exchanges, oldest first, that a client
     * keeping the conversation itself sends (an OpenAI client's {@code messages}); the turn starts
     * a new conversation here.
     */
    public Question withHistory(List<Exchange> earlier) {
        return new Question(
                text,
                collectionId,
                collection,
                conversationId,
                newConversation,
                model,
                modelChosen,
                caller,
                List.copyOf(earlier),
                sampling);
    }

    /**
     * The same question answered with at most {@code maxTokens} tokens (never more than the model's
     * profile allows) and at this {@code temperature} (0 to 2); null leaves the profile's.
     */
    public Question withSampling(Integer maxTokens, Double temperature) {
        return new Question(
                text,
                collectionId,
                collection,
                conversationId,
                newConversation,
                model,
                modelChosen,
                caller,
                history,
                new ModelProfile(null, temperature, null, maxTokens, null, null));
    }
}
