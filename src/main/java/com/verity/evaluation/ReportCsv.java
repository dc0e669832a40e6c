package com.verity.evaluation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code report.csv}: one row per question per model with its mode, every metric, timings, tokens
 * and the answer. Cells that a spreadsheet would run as a formula (model output is untrusted) are
 * written with a leading apostrophe.
 */
final class ReportCsv {

    private ReportCsv() {}

    static String write(
            EvaluationStore.Stored evaluation,
            List<GoldenItem> questions,
            Map<String, Map<Integer, ItemResult>> results) {
        List<String> header =
                new ArrayList<>(
                        List.of(
                                "position",
                                "question",
                                "answerable",
                                "expectedDocuments",
                                "model",
                                "mode"));
        for (Metric metric : Metric.values()) {
            header.add(metric.key());
        }
        header.addAll(
                List.of(
                        "firstTokenMs",
                        "totalMs",
                        "promptTokens",
                        "completionTokens",
                        "citedDocuments",
                        "answer"));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .get()
                        .print(out)) {
            for (int position = 1; position <= questions.size(); position++) {
                GoldenItem question = questions.get(position - 1);
                for (String model : evaluation.models()) {
                    ItemResult result = results.get(model).get(position);
                    if (result == null) {
                        continue;
                    }
                    List<Object> row = new ArrayList<>();
                    row.add(position);
                    row.add(safe(question.question()));
                    row.add(question.answerable());
                    row.add(safe(String.join(";", question.expectedDocuments())));
                    row.add(safe(model));
                    row.add(result.mode());
                    for (Metric metric : Metric.values()) {
                        Double value = result.metric(metric);
                        row.add(value == null ? "" : EvaluationSummary.round(value));
                    }
                    row.add(result.firstTokenMs() == null ? "" : result.firstTokenMs());
                    row.add(result.totalMs());
                    row.add(result.promptTokens() == null ? "" : result.promptTokens());
                    row.add(result.completionTokens() == null ? "" : result.completionTokens());
                    row.add(
                            safe(
                                    String.join(
                                            ";",
                                            result.citations().stream()
                                                    .map(c -> c.filename())
                                                    .distinct()
                                                    .toList())));
                    row.add(safe(result.answer() == null ? "" : result.answer()));
                    csv.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A cell a spreadsheet would take for a formula gets a leading apostrophe. */
    static String safe(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}
