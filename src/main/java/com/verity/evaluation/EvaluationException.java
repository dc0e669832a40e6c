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
}
