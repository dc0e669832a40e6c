package com.verity.ui;

import com.verity.assistant.AssistantRecords;
import com.verity.collection.CollectionCatalog;
import com.verity.collection.CollectionSummary;
import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.DocumentPage;
import com.verity.ingestion.DocumentStatus;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The editors' pages: collections, their documents (uploaded through the same REST endpoint the API
 * offers, with per-file progress), each document's extracted text, passages and access groups, and
 * what the collections they edit could not answer.
 */
@Controller
class AdminController {

    private static final int PAGE_SIZE = 100;

    private static final int REVIEW_ITEMS = 50;

    private final CollectionCatalog collections;
    private final DocumentCatalog documents;
    private final AssistantRecords records;

    AdminController(
            CollectionCatalog collections, DocumentCatalog documents, AssistantRecords records) {
        this.collections = collections;
        this.documents = documents;
        this.records = records;
    }

    @GetMapping("/admin/insight")
    String insight(@RequestParam(required = false) String collection, Caller caller, Model model) {
        List<CollectionSummary> editable =
                collections.list(caller).stream()
                        .filter(c -> collections.editable(c.name(), caller))
                        .toList();
        String chosen = choose(collection, editable, model);
        if (chosen != null) {
            model.addAttribute("gaps", records.toReview(chosen, false, REVIEW_ITEMS, caller));
            model.addAttribute("ratedDown", records.toReview(chosen, true, REVIEW_ITEMS, caller));
        }
        return "insight";
    }

    @GetMapping("/admin/documents")
    String documents(
            @RequestParam(required = false) String collection, Caller caller, Model model) {
        String chosen = choose(collection, collections.list(caller), model);
        if (chosen != null) {
            addTable(chosen, caller, model);
        }
        return "documents";
    }

    /** The requested collection, else the first one (null when there are none), for the picker. */
    private static String choose(String requested, List<CollectionSummary> all, Model model) {
        String chosen = requested != null ? requested : all.isEmpty() ? null : all.get(0).name();
        model.addAttribute("collections", all);
        model.addAttribute("collection", chosen);
        return chosen;
    }

    @GetMapping("/ui/documents/table")
    String table(@RequestParam String collection, Caller caller, Model model) {
        addTable(collection, caller, model);
        return "documents :: table";
    }

    private void addTable(String collection, Caller caller, Model model) {
        DocumentPage page = documents.page(collection, null, 0, PAGE_SIZE, caller);
        model.addAttribute("collection", collection);
        model.addAttribute("editable", collections.editable(collection, caller));
        model.addAttribute("page", page);
        model.addAttribute(
                "processing",
                page.content().stream()
                        .anyMatch(
                                d ->
                                        d.status() == DocumentStatus.QUEUED
                                                || d.status() == DocumentStatus.PROCESSING));
    }

    @PostMapping("/ui/collections")
    String createCollection(
            @RequestParam String name,
            @RequestParam(required = false) String description,
            Caller caller,
            HttpServletResponse response,
            Model model) {
        try {
            CollectionSummary created = collections.create(name, description, caller);
            response.setHeader("HX-Redirect", "/admin/documents?collection=" + created.name());
            return "fragments :: empty";
        } catch (ProblemException e) {
            model.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    @DeleteMapping("/ui/documents/{id}")
    @ResponseBody
    String delete(@PathVariable UUID id, Caller caller) {
        documents.delete(id, caller);
        return "";
    }

    @GetMapping("/admin/documents/{id}")
    String document(@PathVariable UUID id, Caller caller, Model model) {
        model.addAttribute("document", documents.get(id, caller));
        model.addAttribute("editable", documents.editable(id, caller));
        model.addAttribute("text", documents.extractedText(id, caller));
        model.addAttribute("passages", documents.passages(id, caller));
        return "document";
    }

    @PostMapping("/ui/documents/{id}/access")
    String access(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String accessGroups,
            Caller caller,
            Model model) {
        try {
            model.addAttribute(
                    "document",
                    documents.setAccessGroups(
                            id,
                            Arrays.stream(accessGroups.split(","))
                                    .filter(g -> !g.isBlank())
                                    .toList(),
                            caller));
        } catch (ProblemException e) {
            model.addAttribute("document", documents.get(id, caller));
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("editable", documents.editable(id, caller));
        return "document :: access";
    }
}
