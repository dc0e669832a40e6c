package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Evaluation's own model calls with the {@link EvaluationPrompt evaluation prompts}: a judge
 * grading an answer, a model drafting a question from a passage. Both are background work under the
 * same generation slots as the answers (questions keep priority). Passages are quoted as the
 * answering model saw them, and question and answer as data whose tags they cannot close. The
 * module's public facade for these calls.
 */
@Service
public class EvaluationModel {

    /** A model's reply and the version of the prompt that asked for it. */
    public record Judged(String reply, String promptVersion) {}

    private static final Pattern TAGS =
            Pattern.compile("</?\\s*(answer|question|passages)", Pattern.CASE_INSENSITIVE);

    private final PromptLibrary prompts;
    private final ModelGateway models;
    private final GenerationSlots slots;

    EvaluationModel(PromptLibrary prompts, ModelGateway models, GenerationSlots slots) {
        this.prompts = prompts;
        this.models = models;
        this.slots = slots;
    }

    /**
     * The judge's reply; throws {@link ModelUnavailableException} when it cannot answer, and the
     * busy problem when no slot came free.
     */
    public Judged judge(
            EvaluationPrompt judge,
            String model,
            String question,
            String answer,
            List<RetrievedPassage> passages,
            double slotShare) {
        PromptLibrary.Prompt prompt = prompts.evaluation(judge);
        Map<String, Object> values = new HashMap<>();
        values.put("question", asData(question));
        values.put("answer", asData(answer));
        if (judge.variables().contains("passages")) {
            StringBuilder quoted = new StringBuilder();
            for (int i = 0; i < passages.size(); i++) {
                quoted.append(AnswerPrompt.quote(i + 1, passages.get(i), passages.get(i).text()));
            }
            values.put("passages", asData(quoted.toString().strip()));
        }
        try (GenerationSlots.Slot slot = slots.acquireBackground(slotShare)) {
            return new Judged(models.complete(model, prompt.render(values)), prompt.version());
        }
    }

    /** A draft question about one passage, from {@code model}; throws as {@link #judge} does. */
    public Judged draftQuestion(String model, RetrievedPassage passage, double slotShare) {
        PromptLibrary.Prompt prompt = prompts.evaluation(EvaluationPrompt.DRAFT_QUESTION);
        String quoted = AnswerPrompt.quote(1, passage, passage.text()).strip();
        try (GenerationSlots.Slot slot = slots.acquireBackground(slotShare)) {
            return new Judged(
                    models.complete(model, prompt.render(Map.of("passage", quoted))),
                    prompt.version());
        }
    }

    private static String asData(String text) {
        return TAGS.matcher(text == null ? "" : text).replaceAll("($1");
    }
}
