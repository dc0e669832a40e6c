package com.verity.evaluation;

import com.verity.web.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** What the evaluation API refuses, and what to do instead. */
class EvaluationException extends ProblemException {

    private EvaluationException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static EvaluationException badLines(List<GoldenSetFile.LineError> errors, int more) {
        StringBuilder detail = new StringBuilder("Fix these lines and upload the file again: ");
        detail.append(
                String.join(
                        "; ",
                        errors.stream()
                                .map(e -> "line " + e.line() + ": " + e.problem())
                                .toList()));
        if (more > 0) {
            detail.append("; and ").append(more).append(" more");
        }
        return (EvaluationException)
                new EvaluationException(
                                HttpStatus.BAD_REQUEST,
                                "invalid-golden-set",
                                "Invalid golden set",
                                detail.toString())
                        .with("errors", errors);
    }

    static EvaluationException invalid(String detail) {
        return new EvaluationException(
                HttpStatus.BAD_REQUEST, "invalid-golden-set", "Invalid golden set", detail);
    }

    static EvaluationException nameTaken(String name, String collection) {
        return new EvaluationException(
                HttpStatus.CONFLICT,
                "golden-set-exists",
                "Golden set exists",
                "Collection '%s' already has a golden set named '%s'; pick another name or delete"
                                .formatted(collection, name)
                        + " that one first.");
    }

    static EvaluationException notFound(UUID id) {
        return new EvaluationException(
                HttpStatus.NOT_FOUND,
                "golden-set-not-found",
                "Golden set not found",
                "There is no golden set %s (or you may not edit its collection).".formatted(id));
    }

    static EvaluationException invalidEvaluation(String detail) {
        return new EvaluationException(
                HttpStatus.BAD_REQUEST, "invalid-evaluation", "Invalid evaluation", detail);
    }

    static EvaluationException modelNotAllowed(String model, List<String> allowed) {
        return (EvaluationException)
                new EvaluationException(
                                HttpStatus.BAD_REQUEST,
                                "model-not-allowed",
                                "Model not allowed",
                                "The model '%s' is not one this service offers; pick from %s (GET /api/models)."
                                        .formatted(model, allowed))
                        .with("allowedModels", allowed);
    }

    static EvaluationException modelNotPulled(String model, String command) {
        return (EvaluationException)
                new EvaluationException(
                                HttpStatus.CONFLICT,
                                "model-not-pulled",
                                "Model not pulled",
                                "Ollama does not have the model '%s' yet: run '%s' on the Ollama host, then start the evaluation again."
                                        .formatted(model, command))
                        .with("pullCommand", command);
    }

    static EvaluationException ollamaUnreachable(String why) {
        return new EvaluationException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "ollama-unreachable",
                "Ollama unreachable",
                "Ollama did not answer, so the models cannot be checked: " + why);
    }

    static EvaluationException evaluationNotFound(UUID id) {
        return new EvaluationException(
                HttpStatus.NOT_FOUND,
                "evaluation-not-found",
                "Evaluation not found",
                "There is no evaluation %s (or you may not edit its collection).".formatted(id));
    }

    static EvaluationException ended(UUID id, EvaluationState state) {
        return new EvaluationException(
                HttpStatus.CONFLICT,
                "evaluation-ended",
                "Evaluation ended",
                "Evaluation %s has already ended (%s); there is nothing to cancel."
                        .formatted(id, state));
    }

    static EvaluationException invalidComparison(String detail) {
        return new EvaluationException(
                HttpStatus.BAD_REQUEST, "invalid-comparison", "Invalid comparison", detail);
    }

    static EvaluationException comparisonNotFound(UUID id) {
        return new EvaluationException(
                HttpStatus.NOT_FOUND,
                "comparison-not-found",
                "Comparison not found",
                "There is no comparison %s of yours to vote on.".formatted(id));
    }

    static EvaluationException alreadyVoted(UUID id, String winner) {
        return new EvaluationException(
                HttpStatus.CONFLICT,
                "comparison-voted",
                "Already voted",
                "Comparison %s already has your vote (%s); a comparison takes one vote."
                        .formatted(id, winner));
    }

    static EvaluationException itemNotFound(UUID id, int position) {
        return new EvaluationException(
                HttpStatus.NOT_FOUND,
                "golden-item-not-found",
                "Question not found",
                "Golden set %s has no question %d (they are numbered from 1, GET /api/golden-sets/%s/items)."
                        .formatted(id, position, id));
    }
}
