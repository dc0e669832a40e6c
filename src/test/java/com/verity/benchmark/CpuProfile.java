package com.verity.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went during a phase of a benchmark (issue 15, goal 4): a JFR recording of this
 * JVM's execution and native-method samples, each sample put in the step its stack belongs to
 * (parse, chunk, tokenize, embed, store, queue, HTTP, the benchmark's own client), beside the CPU
 * the parser processes and PostgreSQL used in the same time (from /proc). The samples' shares of
 * this JVM's CPU are shown as milliseconds per passage.
 */
final class CpuProfile implements AutoCloseable {

    /**
     * A step and the packages or classes whose frames make a sample that step's; which match wins
     * is the profile's choice (see the constructor).
     */
    private static final Map<String, List<String>> INGESTION_STEPS = new LinkedHashMap<>();

    /** The steps of a search, from the request to its JSON. */
    private static final Map<String, List<String>> SEARCH_STEPS = new LinkedHashMap<>();

    static {
        SEARCH_STEPS.put("embed (ONNX Runtime)", List.of("ai.onnxruntime."));
        SEARCH_STEPS.put(
                "tokenize",
                List.of("ai.djl.huggingface.tokenizers.", "dev.langchain4j.model.embedding.onnx."));
        SEARCH_STEPS.put(
                "SQL (JDBC client side)",
                List.of("org.postgresql.", "com.zaxxer.hikari.", "org.springframework.jdbc."));
        SEARCH_STEPS.put("metrics and traces", List.of("io.micrometer.", "io.opentelemetry."));
        SEARCH_STEPS.put(
                "authentication and filters",
                List.of("org.springframework.security.", "com.verity.security."));
        SEARCH_STEPS.put("JSON", List.of("tools.jackson.", "com.fasterxml.jackson."));
        SEARCH_STEPS.put("retrieval (fusion, windows)", List.of("com.verity.retrieval."));
        SEARCH_STEPS.put(
                "benchmark client",
                List.of("com.verity.benchmark.", "com.verity.support.", "jdk.internal.net.http."));
        SEARCH_STEPS.put(
                "HTTP server",
                List.of(
                        "org.apache.catalina.",
                        "org.apache.coyote.",
                        "org.apache.tomcat.",
                        "org.springframework.web."));
        INGESTION_STEPS.put("embed (ONNX Runtime)", List.of("ai.onnxruntime."));
        INGESTION_STEPS.put(
                "tokenize",
                List.of(
                        "ai.djl.huggingface.tokenizers.",
                        "dev.langchain4j.model.embedding.onnx.HuggingFaceTokenizer",
                        "com.verity.embedding.InProcessEmbeddingModel.count"));
        INGESTION_STEPS.put(
                "upload content check (Tika detection)",
                List.of("com.verity.ingestion.ContentTypeGuard"));
        INGESTION_STEPS.put(
                "parse (in-process Tika)",
                List.of("org.apache.tika.", "org.commonmark.", "org.jsoup.", "org.apache.pdfbox."));
        INGESTION_STEPS.put(
                "chunk and structure",
                List.of(
                        "com.verity.ingestion.Chunker",
                        "com.verity.ingestion.PlainTextStructure",
                        "com.verity.ingestion.StructureCollector",
                        "com.verity.ingestion.TextLayout",
                        "com.verity.language."));
        INGESTION_STEPS.put(
                "parser process I/O",
                List.of(
                        "com.verity.ingestion.ParserProcess",
                        "com.verity.ingestion.ParserProcesses"));
        INGESTION_STEPS.put(
                "store (JDBC client side)",
                List.of("org.postgresql.", "com.zaxxer.hikari.", "org.springframework.jdbc."));
        INGESTION_STEPS.put(
                "queue and workers",
                List.of(
                        "com.verity.ingestion.IngestionQueue",
                        "com.verity.ingestion.IngestionWorkers",
                        "com.github.kagkarlsson."));
        INGESTION_STEPS.put(
                "benchmark client",
                List.of("com.verity.benchmark.", "com.verity.support.", "jdk.internal.net.http."));
        INGESTION_STEPS.put(
                "HTTP server and uploads",
                List.of(
                        "org.apache.catalina.",
                        "org.apache.coyote.",
                        "org.apache.tomcat.",
                        "org.springframework.web.",
                        "com.verity.ingestion.DocumentUploads"));
    }

    private static final Duration PERIOD = Duration.ofMillis(10);

    /** The JVM's own threads by their /proc names (digits as #): JIT, GC, VM, sweeper, JFR. */
    private static final java.util.regex.Pattern VM_THREADS =
            java.util.regex.Pattern.compile(
                    "C# CompilerThre|GC Thread|G# |VM |Sweeper|JFR |Service Thread");

    private final Recording recording = new Recording();
    private long processCpuStart;
    private Map<String, Long> othersStart;
    private Map<String, Long> threadsStart;
    private long started;
    private java.time.Instant phaseStart;

    private final Map<String, List<String>> steps;
    private final boolean innermost;

    /**
     * @param innermost whether a sample belongs to the step of the frame nearest its top (a search:
     *     every frame of a request runs inside the security filter chain and Tomcat, so those only
     *     count where their own code runs), or to the first step in the map's order with a frame
     *     anywhere in the stack (ingestion: Tika called by the content check is the content
     *     check's)
     */
    private CpuProfile(Map<String, List<String>> steps, boolean innermost) {
        this.steps = steps;
        this.innermost = innermost;
        recording.enable("jdk.ExecutionSample").withPeriod(PERIOD);
        recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD);
        // what the JIT spends its threads on: each compilation with its method and duration
        recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
        // whether compiled code is thrown away again (deoptimised, or swept from a full code cache)
        recording.enable("jdk.Deoptimization");
        recording.enable("jdk.CodeCacheStatistics").withPeriod(Duration.ofSeconds(5));
        recording.enable("jdk.CodeCacheFull");
        recording.start();
        begin();
    }

    /**
     * Starts the measured phase now: what happened since the recording started is not counted.
     * Starting a flight recording makes the JIT compile much of the running code again, so a
     * profile is started before a warm-up and begun after it, or the measured phase pays for that.
     */
    void begin() {
        phaseStart = java.time.Instant.now();
        started = System.nanoTime();
        processCpuStart = processCpuNanos();
        othersStart = otherProcessesCpuTicks();
        threadsStart = threadCpuTicks();
    }

    /** A profile of ingestion's steps. */
    static CpuProfile start() {
        return new CpuProfile(INGESTION_STEPS, false);
    }

    /** A profile of the steps of searches. */
    static CpuProfile startSearches() {
        return new CpuProfile(SEARCH_STEPS, true);
    }

    private long wall;
    private long jvmCpu;
    private Map<String, Long> others;
    private Map<String, Long> threads;

    /** Ends the phase: what happens after (other measurements) is not counted. */
    void stop() {
        recording.stop();
        wall = System.nanoTime() - started;
        jvmCpu = processCpuNanos() - processCpuStart;
        others = otherProcessesCpuTicks();
        threads = threadCpuTicks();
    }

    /** Writes the profile of the stopped phase, which made {@code passages} passages. */
    void report(BenchmarkReport report, String phase, int passages) {
        report(report, phase, passages, "passage");
    }

    /** Writes the profile of the stopped phase, which did {@code passages} of {@code unit}. */
    void report(BenchmarkReport report, String phase, int passages, String unit) {
        Path file = Path.of("target", phase.replaceAll("\\W+", "-") + ".jfr");
        Map<String, Long> compiled = new LinkedHashMap<>();
        int compilations = 0;
        int deoptimizations = 0;
        int codeCacheFull = 0;
        Map<String, Long> codeCacheFree = new LinkedHashMap<>();
        Map<String, Integer> samples = new LinkedHashMap<>();
        steps.keySet().forEach(step -> samples.put(step, 0));
        samples.put("other in the service JVM", 0);
        int total = 0;
        try {
            recording.dump(file);
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getStartTime().isBefore(phaseStart)) {
                    continue;
                }
                if (event.getEventType().getName().equals("jdk.Compilation")) {
                    compiled.merge(
                            packageOf(event.getValue("method")),
                            event.getDuration().toNanos(),
                            Long::sum);
                    compilations++;
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case "jdk.Deoptimization" -> {
                        deoptimizations++;
                        continue;
                    }
                    case "jdk.CodeCacheFull" -> {
                        codeCacheFull++;
                        continue;
                    }
                    case "jdk.CodeCacheStatistics" -> {
                        codeCacheFree.put(
                                event.getValue("codeBlobType").toString(),
                                event.getLong("unallocatedCapacity"));
                        continue;
                    }
                    default -> {}
                }
                if (event.getStackTrace() == null || !running(event)) {
                    continue;
                }
                samples.merge(step(event.getStackTrace().getFrames()), 1, Integer::sum);
                total++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double ticksPerSecond = 100.0; // USER_HZ on Linux
        double parserCpuMs = ticksSince("parser:") * 1000.0 / ticksPerSecond;
        double postgresCpuMs = ticksSince("postgres:") * 1000.0 / ticksPerSecond;
        report.line(
                "%s: %.1f s wall; CPU: service JVM %.1f s, parser processes %.1f s, PostgreSQL %.1f s"
                        + " (%d JFR samples of running Java code, every %d ms per thread; %s)",
                phase,
                wall / 1e9,
                jvmCpu / 1e9,
                parserCpuMs / 1000,
                postgresCpuMs / 1000,
                total,
                PERIOD.toMillis(),
                file);
        report.line("  %-34s %7s %14s", "step", "share", "CPU ms/" + unit);
        // the samples see Java threads only: their shares divide the CPU of the JVM's threads
        // that are not the JIT's, the collector's or the VM's own
        long vmTicks =
                threads.entrySet().stream()
                        .filter(e -> VM_THREADS.matcher(e.getKey()).lookingAt())
                        .mapToLong(e -> e.getValue() - threadsStart.getOrDefault(e.getKey(), 0L))
                        .sum();
        double vmMs = vmTicks * 1000.0 / ticksPerSecond;
        double jvmMsPerPassage = (jvmCpu / 1e6 - vmMs) / Math.max(1, passages);
        int all = Math.max(1, total);
        for (Map.Entry<String, Integer> entry : samples.entrySet()) {
            double share = entry.getValue() / (double) all;
            report.line(
                    "  %-34s %6.1f%% %14.2f", entry.getKey(), share * 100, share * jvmMsPerPassage);
        }
        report.line(
                "  %-34s %7s %14.2f",
                "JIT compilers, GC and VM threads", "", vmMs / Math.max(1, passages));
        report.line("  %-34s %7s %14.2f", "parser processes (parse)", "", parserCpuMs / passages);
        report.line(
                "  %-34s %7s %14.2f",
                "PostgreSQL (server processes)", "", postgresCpuMs / passages);
        report.line(
                "  JVM CPU not in samples (GC, JIT, native threads): %.1f s of %.1f s",
                Math.max(0, jvmCpu / 1e9 - total * PERIOD.toNanos() / 1e9), jvmCpu / 1e9);
        report.line(
                "  JIT: %d compilations, %.1f s; most compile time in: %s",
                compilations,
                compiled.values().stream().mapToLong(Long::longValue).sum() / 1e9,
                compiled.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(6)
                        .map(e -> "%s %.1f s".formatted(e.getKey(), e.getValue() / 1e9))
                        .toList());
        report.line(
                "  JIT: %d deoptimisations, code cache full %d times, unallocated at the end: %s",
                deoptimizations,
                codeCacheFull,
                codeCacheFree.entrySet().stream()
                        .map(e -> "%s %d MiB".formatted(e.getKey(), e.getValue() >> 20))
                        .toList());
        // every thread of the JVM, Java or native, by name: what the samples cannot see
        report.line("  service JVM CPU by thread group (from /proc/self/task):");
        threads.entrySet().stream()
                .map(
                        e ->
                                Map.entry(
                                        e.getKey(),
                                        e.getValue() - threadsStart.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(
                        e ->
                                report.line(
                                        "    %-20s %7.1f s %8.2f ms/" + unit,
                                        e.getKey(),
                                        e.getValue() / ticksPerSecond,
                                        e.getValue() * 1000.0 / ticksPerSecond / passages));
    }

    /**
     * The CPU used so far by this JVM (by thread group), its parser processes and PostgreSQL, read
     * from /proc without a flight recording: two tallies tell what a phase cost where a recording
     * cannot be started (it would make the JIT compile again).
     */
    record Tally(long jvmNanos, Map<String, Long> threads, Map<String, Long> others) {

        static Tally now() {
            return new Tally(processCpuNanos(), threadCpuTicks(), otherProcessesCpuTicks());
        }

        /**
         * What was used since this tally, also per {@code unit}: a parser process or connection
         * that ended in between is lost, so those figures are floors.
         */
        String untilNow(int units, String unit) {
            Tally before = this;
            Tally now = now();
            double jvm = (now.jvmNanos - before.jvmNanos) / 1e9;
            double embed = group(now.threads, before.threads, "embed-#");
            double compiler = group(now.threads, before.threads, "C# CompilerThre");
            double parsers = group(now.others, before.others, "parser:");
            double postgres = group(now.others, before.others, "postgres:");
            return ("service JVM %.1f s (embedding threads %.1f s, JIT compilers %.1f s, the"
                            + " rest %.1f s), parser processes %.1f s, PostgreSQL %.1f s; per %s:"
                            + " embedding %.1f ms, everything else %.1f ms")
                    .formatted(
                            jvm,
                            embed,
                            compiler,
                            jvm - embed - compiler,
                            parsers,
                            postgres,
                            unit,
                            embed * 1000 / units,
                            (jvm - embed + parsers + postgres) * 1000 / units);
        }

        private static double group(
                Map<String, Long> now, Map<String, Long> before, String prefix) {
            return now.entrySet().stream()
                            .filter(e -> e.getKey().startsWith(prefix))
                            .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                            .sum()
                    / 100.0; // USER_HZ on Linux
        }
    }

    /**
     * CPU seconds the JIT's compiler threads have used so far (from /proc; 0 without it): read
     * before and after a phase, without a flight recording, whose start would make the JIT compile
     * again.
     */
    static double compilerSeconds() {
        return Tally.group(threadCpuTicks(), Map.of(), "C# CompilerThre");
    }

    /**
     * CPU ticks of this JVM's threads, by name with digits replaced ({@code ingest-0} and {@code
     * ingest-1} are one group); threads that ended meanwhile are not counted.
     */
    private static Map<String, Long> threadCpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(
                    task -> {
                        try {
                            String stat = Files.readString(task.resolve("stat"));
                            int close = stat.lastIndexOf(')');
                            String name =
                                    stat.substring(stat.indexOf('(') + 1, close)
                                            .replaceAll("\\d+", "#");
                            String[] fields = stat.substring(close + 2).split(" ");
                            ticks.merge(
                                    name,
                                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                                    Long::sum);
                        } catch (IOException | RuntimeException e) {
                            // the thread ended meanwhile
                        }
                    });
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** The first three segments of a compiled method's package ({@code org.apache.tika}). */
    private static String packageOf(Object method) {
        if (!(method instanceof jdk.jfr.consumer.RecordedMethod recorded)) {
            return "?";
        }
        String[] parts = recorded.getType().getName().split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
    }

    /** Native-method samples are threads in native code: only ONNX Runtime's are running. */
    private static boolean running(RecordedEvent event) {
        if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
            return true;
        }
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        return !frames.isEmpty()
                && frames.get(0).getMethod().getType().getName().startsWith("ai.onnxruntime.");
    }

    private String step(List<RecordedFrame> frames) {
        if (innermost) {
            for (RecordedFrame frame : frames) {
                String step = stepOf(frame);
                if (step != null) {
                    return step;
                }
            }
            return "other in the service JVM";
        }
        for (Map.Entry<String, List<String>> step : steps.entrySet()) {
            for (RecordedFrame frame : frames) {
                if (step.getValue().stream().anyMatch(name(frame)::startsWith)) {
                    return step.getKey();
                }
            }
        }
        return "other in the service JVM";
    }

    private String stepOf(RecordedFrame frame) {
        String name = name(frame);
        for (Map.Entry<String, List<String>> step : steps.entrySet()) {
            if (step.getValue().stream().anyMatch(name::startsWith)) {
                return step.getKey();
            }
        }
        return null;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The ticks the processes of a kind used in the phase, process by process: one started in it
     * counts whole, one that ended in it (a recycled parser process, a closed connection) is lost,
     * so the figure is a floor.
     */
    private long ticksSince(String kind) {
        return others.entrySet().stream()
                .filter(e -> e.getKey().startsWith(kind))
                .mapToLong(e -> e.getValue() - othersStart.getOrDefault(e.getKey(), 0L))
                .sum();
    }

    /**
     * CPU ticks (user + system) of each parser process (this JVM's children) and PostgreSQL
     * process, by {@code parser:<pid>} or {@code postgres:<pid>}, from /proc; empty without /proc.
     */
    private static Map<String, Long> otherProcessesCpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        List<Path> processes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(processes::add);
        } catch (IOException e) {
            return ticks;
        }
        for (Path process : processes) {
            try {
                String stat = Files.readString(process.resolve("stat"));
                int close = stat.lastIndexOf(')');
                String command = stat.substring(stat.indexOf('(') + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                long parent = Long.parseLong(fields[1]);
                long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                String pid = process.getFileName().toString();
                if (parent == self) {
                    ticks.put("parser:" + pid, cpu);
                } else if (command.startsWith("postgres")) {
                    ticks.put("postgres:" + pid, cpu);
                }
            } catch (IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }

    @Override
    public void close() {
        recording.close();
    }
}
