package com.verity.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /v1/chat/completions}, as OpenAI's clients send it. Fields Verity does
 * not use ({@code n}, {@code tools}, {@code user}...) are ignored.
 *
 * @param model a collection ({@code hr-policies}) or a collection with a model ({@code
 *     hr-policies@llama3.1:8b})
 * @param messages the conversation so far, its last message the user's question
 * @param maxTokens the answer's maximum length (capped at the model's profile)
 * @param temperature sampling temperature, 0 to 2
 */
record ChatRequest(
        String model,
        List<Message> messages,
        Boolean stream,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Double temperature,
        @JsonProperty("stream_options") StreamOptions streamOptions) {

    /**
     * One message: {@code content} is a string or a list of parts ({@code {"type": "text", "text":
     * ...}}).
     */
    record Message(String role, Object content) {}

    record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {}

    boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    boolean usageStreamed() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }

    /**
     * The token limit asked for: {@code max_completion_tokens}, or the older {@code max_tokens}.
     */
    Integer tokenLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }
}
