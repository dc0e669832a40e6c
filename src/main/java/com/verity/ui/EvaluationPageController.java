package com.verity.ui;

import com.verity.assistant.AssistantRecords;
import com.verity.collection.CollectionCatalog;
import com.verity.collection.CollectionSummary;
import com.verity.evaluation.Arena;
import com.verity.evaluation.EvaluationRequest;
import com.verity.evaluation.Evaluations;
import com.verity.evaluation.GoldenSets;
import com.verity.evaluation.ItemResult;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The editors' evaluation pages: a collection's golden sets and evaluations with a form to start
 * one, and an evaluation's report (charts drawn by verity-evaluation.js from the REST report; the
 * table of questions rendered here, with citations as on the agents' page).
 */
@Controller
class EvaluationPageController {

    /** One model's answer to one question, as the report table shows it. */
    record Cell(String model, String mode, String answerHtml, String notice, ItemResult result) {}

    /** One question with every model's answer. */
    record Row(
            int position,
            String question,
            List<String> expectedDocuments,
            boolean answerable,
            boolean disagree,
            List<Cell> cells) {}

    private final Evaluations evaluations;
    private final GoldenSets goldenSets;
    private final CollectionCatalog collections;
    private final AssistantRecords records;
    private final Arena arena;
    private final AnswerHtml answers;

    EvaluationPageController(
            Evaluations evaluations,
            GoldenSets goldenSets,
            CollectionCatalog collections,
            AssistantRecords records,
            Arena arena,
            AnswerHtml answers) {
        this.answers = answers;
        this.evaluations = evaluations;
        this.goldenSets = goldenSets;
        this.collections = collections;
        this.records = records;
        this.arena = arena;
    }

    @GetMapping("/admin/evaluations")
    String list(@RequestParam(required = false) String collection, Caller caller, Model model) {
        List<String> editable =
                collections.list(caller).stream()
                        .map(CollectionSummary::name)
                        .filter(name -> collections.editable(name, caller))
                        .toList();
        String chosen = collection != null && editable.contains(collection) ? collection : null;
        if (chosen == null && !editable.isEmpty()) {
            chosen = editable.get(0);
        }
        model.addAttribute("collections", editable);
        model.addAttribute("collection", chosen);
        model.addAttribute("models", records.models().models());
        if (chosen != null) {
            model.addAttribute("goldenSets", goldenSets.list(chosen, caller));
            model.addAttribute("evaluations", evaluations.list(chosen, caller));
            model.addAttribute("arena", arena.standings(chosen, caller));
        }
        return "evaluations";
    }

    @PostMapping("/ui/evaluations")
    String start(
            @RequestParam String collection,
            @RequestParam(required = false) UUID goldenSet,
            @RequestParam(name = "models", required = false) List<String> models,
            @RequestParam(required = false) String judge,
            Caller caller,
            Model model) {
        try {
            Map<String, Object> started =
                    evaluations.start(
                            new EvaluationRequest(collection, goldenSet, models, judge, null),
                            caller);
            return "redirect:/admin/evaluations/" + started.get("id");
        } catch (ProblemException e) {
            model.addAttribute("problem", e.getMessage());
            return list(collection, caller, model);
        }
    }

    @GetMapping("/admin/evaluations/{id}")
    @SuppressWarnings("unchecked")
    String report(@PathVariable UUID id, Caller caller, Model model) {
        Map<String, Object> summary = evaluations.get(id, caller);
        List<String> names = (List<String>) summary.get("modelNames");
        List<Row> rows = new ArrayList<>();
        int position = 0;
        for (Map<String, Object> item :
                (List<Map<String, Object>>) evaluations.items(id, caller).get("items")) {
            position++;
            Map<String, Object> results = (Map<String, Object>) item.get("results");
            List<Cell> cells = new ArrayList<>();
            for (String name : names) {
                if (results.get(name) instanceof ItemResult result) {
                    cells.add(
                            new Cell(
                                    name,
                                    result.mode(),
                                    result.answer() == null
                                            ? null
                                            : answers.render(result.answer(), result.citations()),
                                    result.notice(),
                                    result));
                } else {
                    Map<String, Object> open = (Map<String, Object>) results.get(name);
                    cells.add(
                            new Cell(
                                    name,
                                    String.valueOf(open.get("state")),
                                    null,
                                    (String) open.get("error"),
                                    null));
                }
            }
            rows.add(
                    new Row(
                            position,
                            (String) item.get("question"),
                            (List<String>) item.get("expectedDocuments"),
                            Boolean.TRUE.equals(item.get("answerable")),
                            Boolean.TRUE.equals(item.get("disagree")),
                            cells));
        }
        Map<String, Object> shown = new LinkedHashMap<>(summary);
        model.addAttribute("evaluation", shown);
        model.addAttribute("modelNames", names);
        model.addAttribute("rows", rows);
        model.addAttribute(
                "running",
                List.of("QUEUED", "RUNNING").contains(String.valueOf(summary.get("state"))));
        model.addAttribute("arena", arena.standings((String) summary.get("collection"), caller));
        return "evaluation";
    }
}
