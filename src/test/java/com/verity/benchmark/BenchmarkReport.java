package com.verity.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of one run as a block of text: printed at the end of the run and written to {@code
 * target/benchmark-report.txt}.
 */
final class BenchmarkReport {

    private static final String RULE = "=".repeat(100);
    private final String title;
    private final Path file;
    private static final Path QUESTIONS = Path.of("target", "benchmark-questions.tsv");

    private final List<String> lines = new ArrayList<>();

    BenchmarkReport() {
        this("Verity benchmark (issue #2)", "benchmark-report.txt");
    }

    /** A report printed under {@code title} and written to {@code target/<fileName>}. */
    BenchmarkReport(String title, String fileName) {
        this.title = title;
        this.file = Path.of("target", fileName);
    }

    void heading(String title) {
        lines.add("");
        lines.add("-- " + title);
    }

    void line(String format, Object... args) {
        lines.add("  " + format.formatted(args));
    }

    static String verdict(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    String print() {
        List<String> block = new ArrayList<>();
        block.add(RULE);
        block.add(title);
        block.addAll(lines);
        block.add(RULE);
        String text = String.join(System.lineSeparator(), block);
        System.out.println(System.lineSeparator() + text);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text;
    }

    /**
     * The measured questions with their query embeddings, one per line ({@code
     * question<TAB>[v1,...]}), to replay the search SQL with EXPLAIN ANALYZE in psql ({@code \copy
     * ... from}).
     */
    static void writeQuestions(List<String> questions, List<float[]> vectors) {
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < questions.size(); i++) {
            tsv.append(questions.get(i).replace('\t', ' '))
                    .append('\t')
                    .append(Arrays.toString(vectors.get(i)).replace(" ", ""))
                    .append('\n');
        }
        try {
            Files.createDirectories(QUESTIONS.getParent());
            Files.writeString(QUESTIONS, tsv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
