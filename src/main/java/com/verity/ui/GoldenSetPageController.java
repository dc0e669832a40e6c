package com.verity.ui;

import com.verity.evaluation.GoldenItem;
import com.verity.evaluation.GoldenSetView;
import com.verity.evaluation.GoldenSets;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A golden set's page, where editors review its questions (uploaded, built from feedback or drafted
 * by a model) and edit, add or delete them; and the evaluations page's forms that build a golden
 * set from agents' feedback or have a model draft one.
 */
@Controller
class GoldenSetPageController {

    private final GoldenSets goldenSets;

    GoldenSetPageController(GoldenSets goldenSets) {
        this.goldenSets = goldenSets;
    }

    @GetMapping("/admin/golden-sets/{id}")
    String page(@PathVariable UUID id, Caller caller, Model model) {
        model.addAttribute("set", goldenSets.get(id, caller));
        model.addAttribute("items", goldenSets.items(id, caller));
        return "golden-set";
    }

    /**
     * Saves one question. With htmx the answer is the row's "Saved." or the problem; a plain form
     * post (before htmx has loaded, or without script) comes back to the page with the same words
     * beside the row it saved.
     */
    @PostMapping("/ui/golden-sets/{id}/items/{position}")
    String save(
            @PathVariable UUID id,
            @PathVariable int position,
            @RequestParam String question,
            @RequestParam(required = false) String expectedDocuments,
            @RequestParam(required = false) String expectedPassage,
            @RequestParam(required = false) String referenceAnswer,
            @RequestParam(defaultValue = "false") boolean answerable,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Caller caller,
            Model model,
            RedirectAttributes redirect) {
        GoldenItem item =
                item(question, expectedDocuments, expectedPassage, referenceAnswer, answerable);
        String saved;
        boolean done;
        try {
            goldenSets.replaceItem(id, position, item, caller);
            saved = "Saved.";
            done = true;
        } catch (ProblemException e) {
            saved = e.getMessage();
            done = false;
        }
        if (htmx == null) {
            redirect.addFlashAttribute("savedPosition", position);
            redirect.addFlashAttribute("saved", saved);
            return "redirect:/admin/golden-sets/" + id;
        }
        model.addAttribute("message", saved);
        return done ? "fragments :: done" : "fragments :: problem";
    }

    @PostMapping("/ui/golden-sets/{id}/items")
    String add(
            @PathVariable UUID id,
            @RequestParam String question,
            @RequestParam(required = false) String expectedDocuments,
            @RequestParam(required = false) String expectedPassage,
            @RequestParam(required = false) String referenceAnswer,
            @RequestParam(defaultValue = "false") boolean answerable,
            Caller caller,
            Model model) {
        try {
            goldenSets.addItem(
                    id,
                    item(question, expectedDocuments, expectedPassage, referenceAnswer, answerable),
                    caller);
            return "redirect:/admin/golden-sets/" + id;
        } catch (ProblemException e) {
            model.addAttribute("problem", e.getMessage());
            return page(id, caller, model);
        }
    }

    @PostMapping("/ui/golden-sets/{id}/items/{position}/delete")
    String delete(@PathVariable UUID id, @PathVariable int position, Caller caller) {
        goldenSets.deleteItem(id, position, caller);
        return "redirect:/admin/golden-sets/" + id;
    }

    @PostMapping("/ui/golden-sets/from-feedback")
    String fromFeedback(
            @RequestParam String collection,
            @RequestParam String name,
            Caller caller,
            RedirectAttributes redirect) {
        return built(
                () -> goldenSets.fromFeedback(collection, name, null, caller),
                collection,
                redirect);
    }

    @PostMapping("/ui/golden-sets/generate")
    String generate(
            @RequestParam String collection,
            @RequestParam String name,
            @RequestParam String model,
            @RequestParam(defaultValue = "10") int count,
            Caller caller,
            RedirectAttributes redirect) {
        return built(
                () -> goldenSets.generate(collection, name, model, count, null, caller),
                collection,
                redirect);
    }

    private static String built(
            java.util.function.Supplier<GoldenSetView> build,
            String collection,
            RedirectAttributes redirect) {
        try {
            return "redirect:/admin/golden-sets/" + build.get().id();
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addAttribute("collection", collection);
            return "redirect:/admin/evaluations";
        }
    }

    private static GoldenItem item(
            String question,
            String documents,
            String passage,
            String reference,
            boolean answerable) {
        List<String> expected =
                documents == null ? List.of() : Arrays.stream(documents.split("[,;]")).toList();
        return new GoldenItem(question, expected, passage, reference, answerable);
    }
}
