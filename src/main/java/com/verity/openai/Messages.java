package com.verity.openai;

import com.verity.assistant.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The question (the last message, the user's) and the exchanges before it. */
record Messages(String question, List<Exchange> history) {

    static Messages of(List<ChatRequest.Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw OpenAiProblem.invalid(
                    "missing-messages", "Send 'messages' ending with the user's question.");
        }
        List<Exchange> history = new ArrayList<>();
        String asked = null;
        for (ChatRequest.Message message : messages) {
            String role = message.role() == null ? "" : message.role();
            switch (role) {
                case "user" -> {
                    if (asked != null) {
                        // two user messages in a row: the first had no answer
                        history.add(new Exchange(asked, ""));
                    }
                    asked = text(message.content());
                }
                case "assistant" -> {
                    if (asked != null) {
                        history.add(new Exchange(asked, text(message.content())));
                        asked = null;
                    }
                }
                // Verity's own instructions govern its answers: a client's system prompt
                // cannot loosen them; tool messages carry nothing to answer from
                case "system", "developer", "tool", "function" -> {}
                default ->
                        throw OpenAiProblem.invalid(
                                "invalid-role",
                                "Message roles are user, assistant, system or developer; got '%s'."
                                        .formatted(role));
            }
        }
        ChatRequest.Message last = messages.get(messages.size() - 1);
        if (asked == null || !"user".equals(last.role())) {
            throw OpenAiProblem.invalid(
                    "missing-question", "The last message must be the user's question.");
        }
        return new Messages(asked, history);
    }

    /** A message's text: a string, or its text parts joined; other parts are refused. */
    private static String text(Object content) {
        if (content == null) {
            return "";
        }
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && "text".equals(map.get("type"))) {
                    text.append(text.isEmpty() ? "" : "\n").append(map.get("text"));
                } else {
                    throw OpenAiProblem.invalid(
                            "unsupported-content",
                            "Only text content is supported: send parts of type 'text'.");
                }
            }
            return text.toString();
        }
        throw OpenAiProblem.invalid(
                "invalid-content", "A message's content is a string or a list of text parts.");
    }
}
