package com.verity.reindex;

import com.verity.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Re-index requests that cannot be served, as problem details. */
final class ReindexException extends ProblemException {

    private ReindexException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static ReindexException alreadyRunning(UUID running) {
        return (ReindexException)
                new ReindexException(
                                HttpStatus.CONFLICT,
                                "reindex-running",
                                "A re-index is already running",
                                ("Re-index job %s is running. Follow it at /api/reindex-jobs/%s,"
                                                + " or cancel it with POST"
                                                + " /api/reindex-jobs/%s/cancel, then start again.")
                                        .formatted(running, running, running))
                        .with("runningJob", running)
                        .header("Location", "/api/reindex-jobs/" + running);
    }

    static ReindexException notFound(UUID id) {
        return new ReindexException(
                HttpStatus.NOT_FOUND,
                "reindex-job-not-found",
                "No such re-index job",
                "There is no re-index job %s; GET /api/reindex-jobs lists them.".formatted(id));
    }

    static ReindexException notRunning(UUID id, ReindexState state) {
        return new ReindexException(
                HttpStatus.CONFLICT,
                "reindex-job-finished",
                "Re-index job already finished",
                "Re-index job %s is %s; only a running job can be cancelled.".formatted(id, state));
    }

    static ReindexException reasonTooLong(int max) {
        return new ReindexException(
                HttpStatus.BAD_REQUEST,
                "reindex-reason-too-long",
                "Reason too long",
                "Keep the reason under %d characters.".formatted(max));
    }
}
