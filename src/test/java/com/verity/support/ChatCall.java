package com.verity.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to the emulated Ollama's {@code POST /api/chat}, as it arrived.
 *
 * @param model the model as the request named it, e.g. {@code mistral}
 * @param options Ollama's {@code options}, e.g. {@code num_ctx}, {@code temperature}
 * @param stream whether the reply streams; Ollama streams unless told {@code "stream": false}
 * @param promptTokens a rough count of the prompt's tokens: four for every three words
 * @param truncated whether the prompt exceeded the context window ({@code num_ctx}), which real
 *     Ollama silently cuts to fit
 */
public record ChatCall(
        String model,
        List<Message> messages,
        Map<String, Object> options,
        boolean stream,
        int promptTokens,
        boolean truncated) {

    /** Ollama's context window, in tokens, when a request sets no {@code num_ctx}. */
    public static final int DEFAULT_NUM_CTX = 2048;

    /** A chat message: {@code system}, {@code user}, {@code assistant} or {@code tool}. */
    public record Message(String role, String content) {}

    static ChatCall received(
            String model, List<Message> messages, Map<String, Object> options, Boolean stream) {
        List<Message> history = messages == null ? List.of() : List.copyOf(messages);
        Map<String, Object> settings =
                options == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        int tokens = roughTokens(history);
        int window = intOption(settings, "num_ctx", DEFAULT_NUM_CTX);
        return new ChatCall(
                model, history, settings, !Boolean.FALSE.equals(stream), tokens, tokens > window);
    }

    /** What the user said last, or an empty string. */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return Objects.requireNonNullElse(messages.get(i).content(), "");
            }
        }
        return "";
    }

    /** The prompt tokens the model reads: the prompt, cut to the context window. */
    int evaluatedPromptTokens() {
        return Math.min(promptTokens, intOption(options, "num_ctx", DEFAULT_NUM_CTX));
    }

    /** The most tokens to generate ({@code num_predict}); negative means no limit. */
    int maxTokens() {
        return intOption(options, "num_predict", -1);
    }

    private static int roughTokens(List<Message> messages) {
        long words =
                messages.stream()
                        .map(Message::content)
                        .filter(Objects::nonNull)
                        .flatMap(content -> List.of(content.trim().split("\\s+")).stream())
                        .filter(word -> !word.isEmpty())
                        .count();
        return (int) ((words * 4 + 2) / 3);
    }

    private static int intOption(Map<String, Object> options, String name, int absent) {
        return options.get(name) instanceof Number number ? number.intValue() : absent;
    }
}
