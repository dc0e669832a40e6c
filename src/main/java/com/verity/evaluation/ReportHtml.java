package com.verity.evaluation;

import com.verity.assistant.Citation;
import com.verity.assistant.CitationMarkers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code report.html}: one file with everything inline (styles, charts as SVG, no script), to keep
 * or mail: the metrics per model with their intervals as bars with whiskers, the paired
 * comparisons, and every question with each model's answer and citations, filterable to the
 * questions where the models disagree. Every text from a document, a question or a model is
 * escaped.
 */
final class ReportHtml {

    private static final String[] COLOURS = {"#3b6fb6", "#d9822b", "#3f9e5a", "#8c5bb5"};
    private static final int BAR_WIDTH = 260;

    private ReportHtml() {}

    @SuppressWarnings("unchecked")
    static String write(
            Map<String, Object> summary,
            List<GoldenItem> questions,
            Map<String, Map<Integer, ItemResult>> results) {
        StringBuilder html = new StringBuilder();
        html.append(
                """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <title>Verity evaluation %s</title><style>
                body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2430}
                table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:4px 8px;vertical-align:top;text-align:left}
                th{background:#eef1f6}.ci{color:#667;font-size:12px}.sig{font-weight:bold;color:#a12}
                sup{color:#3b6fb6;cursor:help}.mode{font-size:11px;padding:1px 4px;border-radius:3px;background:#eee}
                #only:checked ~ table tr.agree{display:none}.answer{max-width:38rem;white-space:pre-wrap}
                </style></head><body>
                """
                        .formatted(e(summary.get("id"))));
        html.append("<h1>Evaluation of ")
                .append(e(summary.get("collection")))
                .append(" / ")
                .append(e(summary.get("goldenSetName")))
                .append("</h1><p>State ")
                .append(e(summary.get("state")))
                .append(", prompt ")
                .append(e(summary.get("promptVersion")))
                .append(
                        summary.get("judge") == null
                                ? ", no judge"
                                : ", judge " + e(summary.get("judge")))
                .append(", bootstrap seed ")
                .append(e(summary.get("seed")))
                .append(", 95% intervals.</p>");
        Map<String, Object> models = (Map<String, Object>) summary.get("models");
        List<String> names = List.copyOf(models.keySet());
        for (String group : List.of("retrieval", "answers", "judge")) {
            metricTable(html, group, models, names);
        }
        latency(html, models, names);
        comparisons(html, (List<Map<String, Object>>) summary.get("comparisons"));
        questionsTable(html, questions, results, names);
        return html.append("</body></html>\n").toString();
    }

    @SuppressWarnings("unchecked")
    private static void metricTable(
            StringBuilder html, String group, Map<String, Object> models, List<String> names) {
        Map<String, Object> first =
                (Map<String, Object>) ((Map<String, Object>) models.get(names.get(0))).get(group);
        if (first == null) {
            return;
        }
        html.append("<h2>").append(e(group)).append("</h2><table><tr><th>metric</th>");
        names.forEach(n -> html.append("<th>").append(e(n)).append("</th>"));
        html.append("<th>chart</th></tr>");
        for (String key : first.keySet()) {
            if (key.endsWith("Ci") || key.equals("model")) {
                continue;
            }
            html.append("<tr><td>").append(e(key)).append("</td>");
            StringBuilder svg =
                    new StringBuilder(
                            "<svg width=\"%d\" height=\"%d\" role=\"img\">"
                                    .formatted(BAR_WIDTH + 10, 14 * names.size() + 4));
            for (int i = 0; i < names.size(); i++) {
                Map<String, Object> values =
                        (Map<String, Object>)
                                ((Map<String, Object>) models.get(names.get(i))).get(group);
                Object value = values.get(key);
                List<Double> ci = (List<Double>) values.get(key + "Ci");
                html.append("<td>")
                        .append(value == null ? "n/a" : e(value))
                        .append(
                                ci == null
                                        ? ""
                                        : " <span class=\"ci\">["
                                                + ci.get(0)
                                                + ", "
                                                + ci.get(1)
                                                + "]</span>")
                        .append("</td>");
                if (value instanceof Number number) {
                    int y = 2 + 14 * i;
                    svg.append(
                            "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\"><title>%s</title></rect>"
                                    .formatted(
                                            y,
                                            number.doubleValue() * BAR_WIDTH,
                                            COLOURS[i % COLOURS.length],
                                            e(names.get(i))));
                    if (ci != null) {
                        svg.append(
                                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#111\"/>"
                                        .formatted(
                                                ci.get(0) * BAR_WIDTH,
                                                ci.get(1) * BAR_WIDTH,
                                                y + 5,
                                                y + 5));
                    }
                }
            }
            html.append("<td>").append(svg).append("</svg></td></tr>");
        }
        html.append("</table>");
    }

    @SuppressWarnings("unchecked")
    private static void latency(
            StringBuilder html, Map<String, Object> models, List<String> names) {
        html.append("<h2>latency and tokens</h2><table><tr><th>figure</th>");
        names.forEach(n -> html.append("<th>").append(e(n)).append("</th>"));
        html.append("</tr>");
        for (String group : List.of("latency", "tokens")) {
            Map<String, Object> first =
                    (Map<String, Object>)
                            ((Map<String, Object>) models.get(names.get(0))).get(group);
            for (String key : first.keySet()) {
                html.append("<tr><td>").append(e(key)).append("</td>");
                for (String name : names) {
                    Object value =
                            ((Map<String, Object>)
                                            ((Map<String, Object>) models.get(name)).get(group))
                                    .get(key);
                    html.append("<td>").append(value == null ? "n/a" : e(value)).append("</td>");
                }
                html.append("</tr>");
            }
        }
        html.append("</table>");
    }

    private static void comparisons(StringBuilder html, List<Map<String, Object>> comparisons) {
        if (comparisons.isEmpty()) {
            return;
        }
        html.append(
                "<h2>paired differences (a - b)</h2><table><tr><th>metric</th><th>a</th><th>b</th>"
                        + "<th>questions</th><th>difference</th><th>95% interval</th><th>p</th></tr>");
        for (Map<String, Object> c : comparisons) {
            boolean significant = Boolean.TRUE.equals(c.get("significant"));
            html.append("<tr><td>")
                    .append(e(c.get("metric")))
                    .append("</td><td>")
                    .append(e(c.get("a")))
                    .append("</td><td>")
                    .append(e(c.get("b")))
                    .append("</td><td>")
                    .append(e(c.get("items")))
                    .append("</td><td")
                    .append(significant ? " class=\"sig\"" : "")
                    .append(">")
                    .append(e(c.get("difference")))
                    .append("</td><td>")
                    .append(e(c.get("differenceCi")))
                    .append("</td><td>")
                    .append(e(c.get("pValue")))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void questionsTable(
            StringBuilder html,
            List<GoldenItem> questions,
            Map<String, Map<Integer, ItemResult>> results,
            List<String> names) {
        html.append(
                "<h2>questions</h2><input type=\"checkbox\" id=\"only\"><label for=\"only\">"
                        + " only where the models disagree</label><table><tr><th>#</th><th>question</th>");
        names.forEach(n -> html.append("<th>").append(e(n)).append("</th>"));
        html.append("</tr>");
        for (int position = 1; position <= questions.size(); position++) {
            GoldenItem question = questions.get(position - 1);
            int at = position;
            List<ItemResult> row = names.stream().map(n -> results.get(n).get(at)).toList();
            html.append("<tr class=\"")
                    .append(disagree(row) ? "disagree" : "agree")
                    .append("\"><td>")
                    .append(position)
                    .append("</td><td>")
                    .append(e(question.question()));
            if (!question.expectedDocuments().isEmpty()) {
                html.append("<div class=\"ci\">expected: ")
                        .append(e(String.join(", ", question.expectedDocuments())))
                        .append("</div>");
            }
            if (!question.answerable()) {
                html.append("<div class=\"ci\">not answerable</div>");
            }
            html.append("</td>");
            for (ItemResult result : row) {
                html.append("<td class=\"answer\">");
                if (result == null) {
                    html.append("not answered");
                } else {
                    html.append("<span class=\"mode\">")
                            .append(e(result.mode()))
                            .append("</span> ")
                            .append(answer(result));
                }
                html.append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
    }

    /** Models disagree where their modes differ or one cites an expected document and one not. */
    static boolean disagree(List<ItemResult> row) {
        if (row.stream().anyMatch(Objects::isNull)) {
            return true;
        }
        return row.stream().map(ItemResult::mode).distinct().count() > 1
                || row.stream()
                                .map(r -> r.metric(Metric.CITED_EXPECTED_DOCUMENT))
                                .distinct()
                                .count()
                        > 1;
    }

    /** The answer escaped, each [n] a superscript whose tooltip is the cited file and quote. */
    private static String answer(ItemResult result) {
        String text =
                result.answer() == null
                        ? Objects.requireNonNullElse(result.notice(), "")
                        : result.answer();
        Matcher marker = CitationMarkers.PATTERN.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (marker.find()) {
            out.append(e(text.substring(last, marker.start())));
            StringBuilder title = new StringBuilder();
            for (int n : CitationMarkers.numbers(marker.group(1))) {
                result.citations().stream()
                        .filter(c -> c.n() == n)
                        .findFirst()
                        .map(ReportHtml::source)
                        .ifPresent(s -> title.append(s).append('\n'));
            }
            out.append("<sup title=\"")
                    .append(e(title.toString().strip()))
                    .append("\">")
                    .append(e(marker.group()))
                    .append("</sup>");
            last = marker.end();
        }
        return out.append(e(text.substring(last))).toString();
    }

    private static String source(Citation c) {
        return c.filename() + ": " + c.quote();
    }

    private static String e(Object value) {
        return HtmlUtils.htmlEscape(String.valueOf(value));
    }
}
