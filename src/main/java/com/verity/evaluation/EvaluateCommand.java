package com.verity.evaluation;

import com.verity.jobs.CommandLines;
import com.verity.security.Accounts;
import com.verity.security.Caller;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar verity.jar evaluate --collection C --golden-set NAME --models a,b [--judge M]
 * [--prompt-version V] [--user NAME] [--out report.html|.csv|.json]}: runs an evaluation from the
 * command line with the service's configuration (other {@code --property=value} arguments are
 * Spring properties as usual), working on it beside any running instances, printing its progress
 * and a summary, and writing the report. Exit code 0 when it succeeded, 1 when it failed or was
 * refused, 2 for a usage error.
 */
public final class EvaluateCommand {

    public static final String NAME = "evaluate";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final List<String> SHOWN =
            List.of("citationValidity", "citedExpectedDocument", "supportedSentences", "answered");

    record Options(
            String collection,
            String goldenSet,
            List<String> models,
            String judge,
            String promptVersion,
            String user,
            Path out,
            List<String> springArgs) {}

    private EvaluateCommand() {}

    /** Runs the command; {@code args} are those after "evaluate". Returns the exit code. */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("evaluate: " + e.getMessage());
            out.println(usage());
            return 2;
        }
        if (options == null) {
            out.println(usage());
            return 0;
        }
        List<String> springArgs = new ArrayList<>(options.springArgs());
        try (ConfigurableApplicationContext context = CommandLines.start(application, springArgs)) {
            return evaluate(context, options, out);
        }
    }

    private static int evaluate(
            ConfigurableApplicationContext context, Options options, PrintStream out) {
        Evaluations evaluations = context.getBean(Evaluations.class);
        Caller caller;
        UUID id;
        try {
            String user = options.user();
            if (user == null) {
                user = context.getEnvironment().getProperty("verity.security.admin.username", "");
                user = user.isBlank() ? "admin" : user;
            }
            caller = context.getBean(Accounts.class).caller(user);
            UUID set = goldenSet(context.getBean(GoldenSets.class), options, caller);
            id =
                    (UUID)
                            evaluations
                                    .start(
                                            new EvaluationRequest(
                                                    options.collection(),
                                                    set,
                                                    options.models(),
                                                    options.judge(),
                                                    options.promptVersion()),
                                            caller)
                                    .get("id");
        } catch (RuntimeException e) {
            out.println("evaluate: " + e.getMessage());
            return 1;
        }
        out.printf("Evaluation %s started: GET /api/evaluations/%s%n", id, id);
        Map<String, Object> report = evaluations.get(id, caller);
        while (!((EvaluationState) report.get("state")).ended()) {
            CommandLines.pause(PROGRESS_EVERY);
            report = evaluations.get(id, caller);
            out.println(progress(report));
        }
        out.printf("Evaluation %s %s%n", id, report.get("state"));
        if (report.get("error") != null) {
            out.println("Error: " + report.get("error"));
        }
        printSummary(report, out);
        if (options.out() != null) {
            try {
                Files.writeString(
                        options.out(),
                        export(context, evaluations, id, caller, options.out(), report));
                out.println("Report written to " + options.out().toAbsolutePath());
            } catch (IOException e) {
                out.println("evaluate: cannot write " + options.out() + ": " + e.getMessage());
                return 1;
            }
        }
        return report.get("state") == EvaluationState.SUCCEEDED ? 0 : 1;
    }

    private static String export(
            ConfigurableApplicationContext context,
            Evaluations evaluations,
            UUID id,
            Caller caller,
            Path file,
            Map<String, Object> report) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return evaluations.csv(id, caller);
        }
        if (name.endsWith(".json")) {
            return context.getBean(JsonMapper.class).writeValueAsString(report);
        }
        return evaluations.html(id, caller);
    }

    private static UUID goldenSet(GoldenSets sets, Options options, Caller caller) {
        return sets.list(options.collection(), caller).stream()
                .filter(
                        s ->
                                s.name().equals(options.goldenSet())
                                        || s.id().toString().equals(options.goldenSet()))
                .map(GoldenSetView::id)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "collection '%s' has no golden set '%s'"
                                                .formatted(
                                                        options.collection(),
                                                        options.goldenSet())));
    }

    @SuppressWarnings("unchecked")
    static String progress(Map<String, Object> report) {
        Map<String, Object> progress = (Map<String, Object>) report.get("progress");
        Object eta = progress.get("etaSeconds");
        return "%s  %s/%s answers%s"
                .formatted(
                        report.get("state"),
                        progress.get("done"),
                        progress.get("total"),
                        eta == null ? "" : ", about %s s left".formatted(eta));
    }

    @SuppressWarnings("unchecked")
    private static void printSummary(Map<String, Object> report, PrintStream out) {
        Map<String, Object> models = (Map<String, Object>) report.get("models");
        if (models == null) {
            return;
        }
        models.forEach(
                (model, figures) -> {
                    Map<String, Object> answers =
                            (Map<String, Object>) ((Map<String, Object>) figures).get("answers");
                    Map<String, Object> retrieval =
                            (Map<String, Object>) ((Map<String, Object>) figures).get("retrieval");
                    StringBuilder line = new StringBuilder(model).append(':');
                    line.append(" recallAt5 ").append(retrieval.get("recallAt5"));
                    for (String key : SHOWN) {
                        line.append(", ")
                                .append(key)
                                .append(' ')
                                .append(answers.get(key))
                                .append(' ')
                                .append(answers.get(key + "Ci"));
                    }
                    out.println(line);
                });
        for (Map<String, Object> c : (List<Map<String, Object>>) report.get("comparisons")) {
            if (Boolean.TRUE.equals(c.get("significant"))) {
                out.printf(
                        "%s - %s on %s: %s %s (p = %s)%n",
                        c.get("a"),
                        c.get("b"),
                        c.get("metric"),
                        c.get("difference"),
                        c.get("differenceCi"),
                        c.get("pValue"));
            }
        }
    }

    /** Null when help was asked for. */
    static Options parse(String[] args) {
        String collection = null;
        String goldenSet = null;
        List<String> models = null;
        String judge = null;
        String promptVersion = null;
        String user = null;
        Path out = null;
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
                case "--golden-set" ->
                        goldenSet = value != null ? value : CommandLines.next(args, ++i, name);
                case "--models" ->
                        models =
                                Arrays.stream(
                                                (value != null
                                                                ? value
                                                                : CommandLines.next(
                                                                        args, ++i, name))
                                                        .split(","))
                                        .map(String::strip)
                                        .filter(m -> !m.isEmpty())
                                        .toList();
                case "--judge" ->
                        judge = value != null ? value : CommandLines.next(args, ++i, name);
                case "--prompt-version" ->
                        promptVersion = value != null ? value : CommandLines.next(args, ++i, name);
                case "--user" -> user = value != null ? value : CommandLines.next(args, ++i, name);
                case "--out" ->
                        out = Path.of(value != null ? value : CommandLines.next(args, ++i, name));
                default -> {
                    if (!arg.startsWith("--") || value == null) {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                    spring.add(arg);
                }
            }
        }
        if (collection == null || goldenSet == null || models == null || models.isEmpty()) {
            throw new IllegalArgumentException(
                    "--collection, --golden-set and --models are required");
        }
        return new Options(collection, goldenSet, models, judge, promptVersion, user, out, spring);
    }

    static String usage() {
        return """
                Usage: java -jar verity.jar evaluate --collection NAME --golden-set NAME|ID --models A,B [--judge MODEL] [--prompt-version V] [--user NAME] [--out FILE] [--spring.property=value ...]
                  --collection      the collection whose golden set to run
                  --golden-set      the golden set, by name or id
                  --models          the models to compare, comma-separated (allowed and pulled ones)
                  --judge           a model that grades faithfulness and relevance
                  --prompt-version  the prompt version to answer with (default: the one installed)
                  --user            who runs it: their permissions apply (default: the first admin)
                  --out             write the report: .html (self-contained), .csv or .json""";
    }
}
