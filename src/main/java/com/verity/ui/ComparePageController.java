package com.verity.ui;

import com.verity.assistant.Citation;
import com.verity.evaluation.Arena;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Compare models" on the agents' page: the question answered by two models, shown blind as A and B
 * side by side, and the vote that reveals which was which (the arena, docs/evaluation.md).
 */
@Controller
class ComparePageController {

    /** One blind answer as the page shows it. */
    record Side(String label, String mode, String answerHtml, String notice) {}

    private final Arena arena;
    private final AnswerHtml html;

    ComparePageController(Arena arena, AnswerHtml html) {
        this.arena = arena;
        this.html = html;
    }

    @PostMapping("/ui/comparisons")
    @SuppressWarnings("unchecked")
    String compare(
            @RequestParam String question,
            @RequestParam String collection,
            Caller caller,
            Model model) {
        try {
            Map<String, Object> comparison =
                    arena.compare(new Arena.CompareRequest(question, collection, null), caller);
            Map<String, Map<String, Object>> answers =
                    (Map<String, Map<String, Object>>) comparison.get("answers");
            model.addAttribute("id", comparison.get("comparisonId"));
            model.addAttribute("question", comparison.get("question"));
            model.addAttribute(
                    "sides", List.of(side("A", answers.get("A")), side("B", answers.get("B"))));
            return "fragments :: comparison";
        } catch (ProblemException e) {
            model.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    @PostMapping("/ui/comparisons/{id}/vote")
    @SuppressWarnings("unchecked")
    String vote(@PathVariable UUID id, @RequestParam String winner, Caller caller, Model model) {
        try {
            Map<String, Object> revealed = arena.vote(id, new Arena.VoteRequest(winner), caller);
            Map<String, String> models = (Map<String, String>) revealed.get("models");
            model.addAttribute(
                    "message",
                    "Thanks: you voted %s. A was %s, B was %s."
                            .formatted(label(winner), models.get("A"), models.get("B")));
            return "fragments :: done";
        } catch (ProblemException e) {
            model.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    private Side side(String label, Map<String, Object> answer) {
        String text = (String) answer.get("answer");
        return new Side(
                label,
                String.valueOf(answer.get("mode")),
                text == null ? null : html.render(text, (List<Citation>) answer.get("citations")),
                (String) answer.get("notice"));
    }

    private static String label(String winner) {
        return switch (winner) {
            case "tie" -> "a tie";
            case "both-bad" -> "both bad";
            default -> winner;
        };
    }
}
