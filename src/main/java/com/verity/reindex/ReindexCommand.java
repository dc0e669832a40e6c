package com.verity.reindex;

import com.verity.jobs.CommandLines;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar verity.jar reindex [--collection NAME] [--reason TEXT] [--force] [--detach]}:
 * starts a re-index job from the command line, with the service's configuration (other {@code
 * --property=value} arguments are Spring properties as usual).
 *
 * <p>Without {@code --detach} this process works on the job itself, beside any running service
 * instances sharing the database, prints its progress and exits when it ends: 0 when it succeeded,
 * 1 when it failed or was cancelled, 2 for a usage error. With {@code --detach} it only starts the
 * job and exits; the running service instances do the work.
 */
public final class ReindexCommand {

    public static final String NAME = "reindex";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private record Options(ReindexRequest request, boolean detach, List<String> springArgs) {}

    private ReindexCommand() {}

    /** Runs the command; {@code args} are those after "reindex". Returns the exit code. */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("reindex: " + e.getMessage());
            out.println(usage());
            return 2;
        }
        if (options == null) {
            out.println(usage());
            return 0;
        }
        List<String> springArgs = new ArrayList<>(options.springArgs());
        if (options.detach()) {
            springArgs.add("--verity.jobs.enabled=false");
        }
        try (ConfigurableApplicationContext context = CommandLines.start(application, springArgs)) {
            ReindexJobs jobs = context.getBean(ReindexJobs.class);
            ReindexJob job;
            try {
                job = jobs.start(options.request(), ReindexTrigger.CLI);
            } catch (RuntimeException e) {
                out.println("reindex: " + e.getMessage());
                return 1;
            }
            out.printf("Re-index job %s started: GET /api/reindex-jobs/%s%n", job.id(), job.id());
            if (options.detach()) {
                return 0;
            }
            while (job.state() == ReindexState.RUNNING) {
                CommandLines.pause(PROGRESS_EVERY);
                job = jobs.get(job.id());
                out.println(progress(job));
            }
            out.printf("Re-index job %s %s%n", job.id(), job.state());
            if (job.verification() != null) {
                out.println("Verification: " + job.verification());
            }
            if (job.error() != null) {
                out.println("Error: " + job.error());
            }
            job.errors().forEach(e -> out.printf("  %s: %s%n", e.filename(), e.error()));
            return job.state() == ReindexState.SUCCEEDED ? 0 : 1;
        }
    }

    static String progress(ReindexJob job) {
        ReindexJob.Progress documents = job.documents();
        return "%3d%%  %d/%d documents (%d skipped, %d failed), %.1f passages/s%s"
                .formatted(
                        documents.percent(),
                        documents.total() - documents.remaining(),
                        documents.total(),
                        documents.skipped(),
                        documents.failed(),
                        job.passagesPerSecond(),
                        job.etaSeconds() == null
                                ? ""
                                : ", about %d s left".formatted(job.etaSeconds()));
    }

    /** Null when help was asked for. */
    static Options parse(String[] args) {
        String collection = null;
        String reason = null;
        boolean force = false;
        boolean detach = false;
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--collection" ->
                        collection = value != null ? value : CommandLines.next(args, ++i, name);
                case "--reason" ->
                        reason = value != null ? value : CommandLines.next(args, ++i, name);
                case "--force" -> force = true;
                case "--detach" -> detach = true;
                default -> {
                    if (!arg.startsWith("--") || value == null) {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                    spring.add(arg);
                }
            }
        }
        String why = reason != null ? reason : "command line";
        return new Options(new ReindexRequest(collection, why, force), detach, spring);
    }

    static String usage() {
        return """
                Usage: java -jar verity.jar reindex [--collection NAME] [--reason TEXT] [--force] [--detach] [--spring.property=value ...]
                  --collection  re-index one collection (default: all)
                  --reason      recorded on the job
                  --force       rebuild into a new generation even if the model and chunking did not change
                  --detach      start the job and exit; running service instances do the work""";
    }
}
