package com.verity.evaluation;

import com.verity.assistant.AssistantRecords;
import com.verity.assistant.ModelStatus;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether the models an evaluation (or a draft) needs can answer, before any work starts: every one
 * allowed (400 otherwise), then Ollama reachable (503) and every one pulled (409 with the {@code
 * ollama pull} command), as {@code /api/ask} decides for one model.
 */
@Component
class ModelChecks {

    private final AssistantRecords records;

    ModelChecks(AssistantRecords records) {
        this.records = records;
    }

    void requireReady(List<String> wanted) {
        ModelStatus status = records.models();
        List<String> allowed = status.models().stream().map(ModelStatus.Model::name).toList();
        for (String model : wanted) {
            if (!allowed.contains(model)) {
                throw EvaluationException.modelNotAllowed(model, allowed);
            }
        }
        if (!status.ollamaReachable()) {
            throw EvaluationException.ollamaUnreachable(status.ollamaError());
        }
        for (String model : wanted) {
            status.models().stream()
                    .filter(m -> m.name().equals(model) && !m.pulled())
                    .findFirst()
                    .ifPresent(
                            m -> {
                                throw EvaluationException.modelNotPulled(model, m.pullCommand());
                            });
        }
    }
}
