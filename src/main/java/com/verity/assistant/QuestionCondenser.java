package com.verity.assistant;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a follow-up ("and what if I'm a veteran?") into a question that stands on its own, with the
 * condensing prompt and the conversation so far, so retrieval finds what the follow-up is about.
 * When the model cannot be reached the follow-up is searched together with the previous question
 * instead, which keeps the topic in the search.
 */
@Component
class QuestionCondenser {

    /** The question to search for, and whether a model wrote it. */
    record Standalone(String question, boolean rewritten) {}

    private static final Logger log = LoggerFactory.getLogger(QuestionCondenser.class);
    private static final int MAX_ANSWER_CHARS_IN_HISTORY = 600;

    private final PromptLibrary prompts;
    private final ModelGateway models;
    private final GenerationSlots slots;

    QuestionCondenser(PromptLibrary prompts, ModelGateway models, GenerationSlots slots) {
        this.prompts = prompts;
        this.models = models;
        this.slots = slots;
    }

    Standalone condense(String question, List<Exchange> history, String model) {
        if (history.isEmpty()) {
            return new Standalone(question, false);
        }
        String prompt =
                prompts.condense()
                        .render(Map.of("history", transcript(history), "question", question));
        try (GenerationSlots.Slot slot = slots.acquire()) {
            String rewritten = firstLine(models.complete(model, prompt));
            if (!rewritten.isBlank()) {
                return new Standalone(rewritten, true);
            }
        } catch (ModelUnavailableException e) {
            log.info(
                    "Follow-up not rewritten ({}); searching it with the previous question",
                    e.getMessage());
        }
        return new Standalone(history.get(history.size() - 1).question() + " " + question, false);
    }

    private static String transcript(List<Exchange> history) {
        StringBuilder text = new StringBuilder();
        for (Exchange exchange : history) {
            String answer = exchange.answer();
            if (answer.length() > MAX_ANSWER_CHARS_IN_HISTORY) {
                answer = answer.substring(0, MAX_ANSWER_CHARS_IN_HISTORY) + "...";
            }
            text.append("User: ").append(exchange.question()).append('\n');
            text.append("Assistant: ")
                    .append(answer.isBlank() ? "(no answer)" : answer)
                    .append('\n');
        }
        return text.toString().strip();
    }

    private static String firstLine(String text) {
        String stripped = text == null ? "" : text.strip();
        int newline = stripped.indexOf('\n');
        String line = newline < 0 ? stripped : stripped.substring(0, newline);
        return line.replaceFirst("(?i)^standalone question:\\s*", "")
                .replaceAll("^\"|\"$", "")
                .strip();
    }
}
