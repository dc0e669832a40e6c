package com.verity.review;

import com.verity.assistant.Assistant;
import com.verity.assistant.AssistantRecords;
import com.verity.assistant.HelpfulAnswer;
import com.verity.assistant.PromptMessages;
import com.verity.collection.CollectionCatalog;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training data for supervised fine-tuning (a LoRA adapter, docs/fine-tuning.md) from the answers a
 * collection's editors can vouch for: its active verified answers, and the answers agents rated
 * helpful whose citations all check (no unsupported sentence). Each example is what the model saw
 * (the system prompt, the user message with the passages as numbered data and the question) and the
 * answer it should give.
 */
@Service
public class TrainingData {

    /** The export's formats. */
    public enum Format {
        /** {"messages": [system, user, assistant], "source", "prompt_version"} per line */
        CHAT_JSONL("chat-jsonl"),
        /** {"instruction", "input", "output", "source", "prompt_version"} per line */
        ALPACA("alpaca");

        private final String name;

        Format(String name) {
            this.name = name;
        }

        static Format of(String name) {
            for (Format format : values()) {
                if (format.name.equals(name)) {
                    return format;
                }
            }
            throw VerifiedAnswers.invalid(
                    "invalid-format", "format is chat-jsonl or alpaca; got '%s'.".formatted(name));
        }
    }

    /** One export: its lines and how many came from each source. */
    public record Export(String jsonl, int verified, int helpful) {}

    private static final int MAX_HELPFUL = 5000;
    private static final int MAX_VERIFIED = 1000;

    private final VerifiedAnswers verified;
    private final AssistantRecords records;
    private final Assistant assistant;
    private final CollectionCatalog collections;
    private final AuditLog audit;
    private final JsonMapper json;

    TrainingData(
            VerifiedAnswers verified,
            AssistantRecords records,
            Assistant assistant,
            CollectionCatalog collections,
            AuditLog audit,
            JsonMapper json) {
        this.verified = verified;
        this.records = records;
        this.assistant = assistant;
        this.collections = collections;
        this.audit = audit;
        this.json = json;
    }

    public Export export(String collection, String formatName, boolean maskPii, Caller caller) {
        Format format = Format.of(formatName == null ? "chat-jsonl" : formatName);
        collections.requireEditable(collection, caller);
        UnaryOperator<String> clean = maskPii ? PiiMask::mask : UnaryOperator.identity();
        StringBuilder lines = new StringBuilder();
        int verifiedCount = 0;
        for (VerifiedAnswer answer : verified.current(collection, MAX_VERIFIED, caller)) {
            PromptMessages prompt =
                    assistant.promptMessages(
                            answer.question(), VerifiedAnswers.passages(answer.citations()), null);
            lines.append(line(format, prompt, answer.answer(), "verified", clean)).append('\n');
            verifiedCount++;
        }
        int helpfulCount = 0;
        for (HelpfulAnswer answer : records.helpfulAnswers(collection, MAX_HELPFUL, caller)) {
            PromptMessages prompt =
                    assistant.promptMessages(
                            answer.question(), answer.passages(), answer.promptVersion());
            lines.append(line(format, prompt, answer.answer(), "rated-helpful", clean))
                    .append('\n');
            helpfulCount++;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", format.name);
        details.put("maskPii", maskPii);
        details.put("verified", verifiedCount);
        details.put("helpful", helpfulCount);
        audit.record(AuditType.TRAINING_DATA_EXPORTED, caller, collection, details);
        return new Export(lines.toString(), verifiedCount, helpfulCount);
    }

    private String line(
            Format format,
            PromptMessages prompt,
            String answer,
            String source,
            UnaryOperator<String> clean) {
        Map<String, Object> example = new LinkedHashMap<>();
        if (format == Format.CHAT_JSONL) {
            List<Map<String, String>> messages = new ArrayList<>();
            messages.add(Map.of("role", "system", "content", prompt.system()));
            messages.add(Map.of("role", "user", "content", clean.apply(prompt.user())));
            messages.add(Map.of("role", "assistant", "content", clean.apply(answer)));
            example.put("messages", messages);
        } else {
            example.put("instruction", prompt.system());
            example.put("input", clean.apply(prompt.user()));
            example.put("output", clean.apply(answer));
        }
        example.put("source", source);
        example.put("prompt_version", prompt.promptVersion());
        return json.writeValueAsString(example);
    }
}
