package com.verity.assistant;

import com.verity.embedding.Embedder;
import com.verity.retrieval.RetrievedPassage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Builds the messages of an answer: the system rules, then the passages as numbered, delimited data
 * and the question. The prompt is measured in tokens before it is sent, and passages are dropped
 * from the end (or the only one cut short) until it fits the context window with room for the
 * answer: Ollama never has to truncate it silently.
 */
@Component
class AnswerPrompt {

    /** The messages to send, the passages the model was actually given, and their measure. */
    record Built(List<ChatMessage> messages, List<RetrievedPassage> given, int estimatedTokens) {}

    /** What each message costs beyond its text (role markers, template tokens). */
    private static final int MESSAGE_OVERHEAD = 16;

    private static final Pattern CLOSING_TAG =
            Pattern.compile("</?\\s*passage", Pattern.CASE_INSENSITIVE);

    /** A passage quoted for the prompt, and its measure in tokens. */
    private record Quoted(String text, int tokens) {}

    private final PromptLibrary prompts;
    private final Embedder tokens;
    private final AssistantProperties properties;

    /**
     * Each prompt set's system message, rendered and measured once (in the embedding model's
     * tokens, scaled per model): the same for every question.
     */
    private final java.util.concurrent.ConcurrentMap<String, Quoted> systems =
            new java.util.concurrent.ConcurrentHashMap<>();

    AnswerPrompt(PromptLibrary prompts, Embedder tokens, AssistantProperties properties) {
        this.prompts = prompts;
        this.tokens = tokens;
        this.properties = properties;
        system(prompts.current());
    }

    private Quoted system(PromptLibrary.PromptSet set) {
        return systems.computeIfAbsent(
                set.version(),
                version -> {
                    String text = set.system().render(Map.of());
                    return new Quoted(text, tokens.countTokens(text));
                });
    }

    /** The messages with the current prompts, sized by the configured defaults. */
    Built build(String question, List<RetrievedPassage> passages) {
        return build(question, passages, prompts.current(), properties.defaultProfile());
    }

    /**
     * The messages with an installed prompt set's templates (the current one, or an evaluation's),
     * sized for the model's profile: its window less the answer's room, measured with its factor.
     */
    Built build(
            String question,
            List<RetrievedPassage> passages,
            PromptLibrary.PromptSet set,
            ModelProfile profile) {
        double factor = profile.tokenEstimateFactor();
        Quoted system = system(set);
        int budget = profile.promptBudget();
        int fixed =
                scaled(system.tokens(), factor)
                        + measure(render(set, question, ""), factor)
                        + 2 * MESSAGE_OVERHEAD;
        List<RetrievedPassage> given = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        int used = fixed;
        for (RetrievedPassage passage : passages) {
            String quoted = quote(given.size() + 1, passage, passage.text());
            int cost = measure(quoted, factor);
            if (used + cost > budget) {
                if (given.isEmpty()) {
                    Quoted cut = cutToFit(passage, budget - used, factor);
                    if (cut != null) {
                        block.append(cut.text());
                        given.add(passage);
                        used += cut.tokens();
                    }
                }
                break;
            }
            block.append(quoted);
            given.add(passage);
            used += cost;
        }
        List<ChatMessage> messages =
                List.of(
                        SystemMessage.from(system.text()),
                        UserMessage.from(render(set, question, block.toString().strip())));
        return new Built(messages, given, used);
    }

    private static String render(PromptLibrary.PromptSet set, String question, String passages) {
        return set.answer().render(Map.of("question", question, "passages", passages));
    }

    /** A passage as data: numbered, with its source, and unable to close its own delimiter. */
    static String quote(int n, RetrievedPassage passage, String text) {
        String section = passage.section() == null ? "" : passage.section();
        return "<passage n=\"%d\" source=\"%s\" section=\"%s\">\n%s\n</passage>\n\n"
                .formatted(
                        n,
                        attribute(passage.filename()),
                        attribute(section),
                        CLOSING_TAG.matcher(text).replaceAll("(passage"));
    }

    private static String attribute(String value) {
        return value.replace("\"", "'").replace("<", "(").replace(">", ")").replace("\n", " ");
    }

    /** The longest start of the passage, cut at a sentence end, that fits; null if none does. */
    private Quoted cutToFit(RetrievedPassage passage, int room, double factor) {
        String text = passage.text();
        int end = text.length();
        while (true) {
            int sentenceEnd = text.lastIndexOf(". ", end - 2);
            if (sentenceEnd < 0) {
                return null;
            }
            end = sentenceEnd + 1;
            String quoted = quote(1, passage, text.substring(0, end));
            int cost = measure(quoted, factor);
            if (cost <= room) {
                return new Quoted(quoted, cost);
            }
        }
    }

    /** Tokens of {@code text} as the chat model would count them, by the configured factor. */
    int measure(String text) {
        return measure(text, properties.tokenEstimateFactor());
    }

    private int measure(String text, double factor) {
        return scaled(tokens.countTokens(text), factor);
    }

    private static int scaled(int embeddingTokens, double factor) {
        return (int) Math.ceil(embeddingTokens * factor);
    }
}
