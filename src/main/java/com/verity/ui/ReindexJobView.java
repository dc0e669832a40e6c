package com.verity.ui;

import com.verity.reindex.ReindexJob;
import com.verity.reindex.ReindexState;
import java.util.Locale;

/** A re-index job as the admin page words it: scope, time left, pace and a one-line status. */
record ReindexJobView(ReindexJob job) {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    public boolean running() {
        return job.state() == ReindexState.RUNNING;
    }

    public String scope() {
        return job.collection() == null ? "All collections" : job.collection();
    }

    /** Documents the job has looked at so far: re-indexed, skipped or failed. */
    public long processed() {
        return job.documents().total() - job.documents().remaining();
    }

    public String timeLeft() {
        if (!running()) {
            return "none";
        }
        return job.etaSeconds() == null ? "estimating…" : timeLeft(job.etaSeconds());
    }

    public String pace() {
        return job.passagesPerSecond() == null
                ? "–"
                : String.format(Locale.ROOT, "%.1f passages/s", job.passagesPerSecond());
    }

    /** What a screen reader announces as the job moves on. */
    public String status() {
        String counts =
                "%d%% · %d of %d documents"
                        .formatted(job.documents().percent(), processed(), job.documents().total());
        return switch (job.state()) {
            case RUNNING -> "Running: " + counts + " · time left: " + timeLeft();
            case SUCCEEDED -> "Succeeded: " + counts;
            case FAILED -> "Failed: " + counts;
            case CANCELLED -> "Cancelled: " + counts;
        };
    }

    /** Seconds left, in the words a person would use: "about 5 min", "about 2 h 10 min". */
    static String timeLeft(long seconds) {
        if (seconds < MINUTE) {
            return "under a minute";
        }
        long minutes = Math.round(seconds / (double) MINUTE);
        if (minutes < 60) {
            return "about %d min".formatted(minutes);
        }
        if (seconds < DAY) {
            long hours = minutes / 60;
            long rest = minutes % 60;
            return rest == 0
                    ? "about %d h".formatted(hours)
                    : "about %d h %d min".formatted(hours, rest);
        }
        long hours = Math.round(seconds / (double) HOUR);
        long rest = hours % 24;
        return rest == 0
                ? "about %d d".formatted(hours / 24)
                : "about %d d %d h".formatted(hours / 24, rest);
    }
}
