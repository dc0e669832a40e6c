package com.verity.evaluation;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an uploaded golden set: JSON lines (one object per line) or CSV with a header row, the same
 * fields either way. Every bad line is reported with its number and what is wrong, not only the
 * first.
 */
final class GoldenSetFile {

    /** What is wrong with one line of the file (its number counts from 1). */
    record LineError(int line, String problem) {}

    static final int MAX_ITEMS = 5000;
    static final int MAX_QUESTION_CHARS = 2000;
    private static final int REPORTED_ERRORS = 20;
    private static final Set<String> FIELDS =
            Set.of(
                    "question",
                    "expectedDocuments",
                    "expectedPassage",
                    "referenceAnswer",
                    "answerable");

    private final JsonMapper json;

    GoldenSetFile(JsonMapper json) {
        this.json = json;
    }

    enum Format {
        JSONL,
        CSV
    }

    List<GoldenItem> read(String content, Format format) {
        Errors errors = new Errors();
        List<GoldenItem> items =
                format == Format.CSV ? readCsv(content, errors) : readJsonLines(content, errors);
        errors.throwIfAny();
        if (items.isEmpty()) {
            throw EvaluationException.invalid(
                    "The file holds no questions: send one per line, each with a 'question'.");
        }
        if (items.size() > MAX_ITEMS) {
            throw EvaluationException.invalid(
                    "The file holds %d questions; a golden set takes at most %d: split it."
                            .formatted(items.size(), MAX_ITEMS));
        }
        return items;
    }

    private List<GoldenItem> readJsonLines(String content, Errors errors) {
        List<GoldenItem> items = new ArrayList<>();
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JacksonException e) {
                errors.add(number, "not valid JSON (" + e.getOriginalMessage() + ")");
                continue;
            }
            if (node == null || !node.isObject()) {
                errors.add(number, "not a JSON object; write {\"question\": \"...\"}");
                continue;
            }
            List<String> problems = new ArrayList<>();
            for (String field : node.propertyNames()) {
                if (!FIELDS.contains(field)) {
                    problems.add("unknown field '%s' (known: %s)".formatted(field, known()));
                }
            }
            String question = text(node, "question", problems);
            List<String> documents = documents(node, problems);
            String passage = text(node, "expectedPassage", problems);
            String reference = text(node, "referenceAnswer", problems);
            Boolean answerable = true;
            JsonNode flag = node.get("answerable");
            if (flag != null && !flag.isNull()) {
                if (flag.isBoolean()) {
                    answerable = flag.booleanValue();
                } else {
                    problems.add("'answerable' must be true or false");
                }
            }
            add(
                    items,
                    errors,
                    number,
                    question,
                    documents,
                    passage,
                    reference,
                    answerable,
                    problems);
        }
        return items;
    }

    private List<GoldenItem> readCsv(String content, Errors errors) {
        List<GoldenItem> items = new ArrayList<>();
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setIgnoreEmptyLines(true)
                        .setTrim(true)
                        .get();
        try (Reader reader = new StringReader(content);
                CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || !header.containsKey("question")) {
                throw EvaluationException.invalid(
                        "The CSV file's first line must name its columns, among them 'question'"
                                + " (known: %s).".formatted(known()));
            }
            Set<String> unknown = new LinkedHashSet<>(header.keySet());
            unknown.removeAll(FIELDS);
            if (!unknown.isEmpty()) {
                errors.add(1, "unknown columns %s (known: %s)".formatted(unknown, known()));
            }
            for (CSVRecord record : parser) {
                int number = (int) parser.getCurrentLineNumber();
                List<String> problems = new ArrayList<>();
                String question = cell(record, "question");
                String documents = cell(record, "expectedDocuments");
                String answerable = cell(record, "answerable");
                Boolean flag = answerable == null ? Boolean.TRUE : bool(answerable);
                if (flag == null) {
                    problems.add(
                            "'answerable' must be true or false, not '%s'".formatted(answerable));
                }
                add(
                        items,
                        errors,
                        number,
                        question,
                        documents == null
                                ? List.of()
                                : Arrays.stream(documents.split("[;|]"))
                                        .map(String::strip)
                                        .filter(d -> !d.isEmpty())
                                        .toList(),
                        cell(record, "expectedPassage"),
                        cell(record, "referenceAnswer"),
                        flag,
                        problems);
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            if (e instanceof EvaluationException problem) {
                throw problem;
            }
            throw EvaluationException.invalid(
                    "The CSV file could not be read: %s. Quote cells that hold commas or quotes."
                            .formatted(e.getMessage()));
        }
        return items;
    }

    private static void add(
            List<GoldenItem> items,
            Errors errors,
            int line,
            String question,
            List<String> documents,
            String passage,
            String reference,
            Boolean answerable,
            List<String> problems) {
        if (question == null || question.isBlank()) {
            problems.add("'question' is missing or empty");
        } else if (question.length() > MAX_QUESTION_CHARS) {
            problems.add(
                    "'question' has %d characters; keep it under %d"
                            .formatted(question.length(), MAX_QUESTION_CHARS));
        }
        if (!problems.isEmpty()) {
            errors.add(line, String.join(", ", problems));
            return;
        }
        items.add(
                new GoldenItem(
                        question.strip(),
                        List.copyOf(documents),
                        blankToNull(passage),
                        blankToNull(reference),
                        answerable));
    }

    private static String text(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problems.add("'%s' must be a string".formatted(field));
            return null;
        }
        return value.stringValue();
    }

    private static List<String> documents(JsonNode node, List<String> problems) {
        JsonNode value = node.get("expectedDocuments");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problems.add("'expectedDocuments' must be a list of file names");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : value) {
            if (!name.isString() || name.stringValue().isBlank()) {
                problems.add("'expectedDocuments' must hold file names (non-empty strings)");
                return List.of();
            }
            names.add(name.stringValue().strip());
        }
        return names;
    }

    private static String cell(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value;
    }

    private static Boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String known() {
        return "question, expectedDocuments, expectedPassage, referenceAnswer, answerable";
    }

    /** The bad lines met, the first ones kept word for word. */
    private static final class Errors {
        private final List<LineError> kept = new ArrayList<>();
        private int more;

        void add(int line, String problem) {
            if (kept.size() < REPORTED_ERRORS) {
                kept.add(new LineError(line, problem));
            } else {
                more++;
            }
        }

        void throwIfAny() {
            if (!kept.isEmpty()) {
                throw EvaluationException.badLines(kept, more);
            }
        }
    }
}
