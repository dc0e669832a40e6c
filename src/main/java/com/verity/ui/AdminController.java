package com.verity.ui;

import com.verity.assistant.AssistantRecords;
import com.verity.collection.CollectionCatalog;
import com.verity.collection.CollectionSummary;
import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.DocumentPage;
import com.verity.ingestion.DocumentStatus;
import com.verity.web.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
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
 * The admins' pages: collections, their documents (uploaded through the same REST endpoint the API
 * offers, with per-file progress), and each document's extracted text and passages.
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
    String insight(@RequestParam(required = false) String collection, Model model) {
        String chosen = chooseCollection(collection, model);
        if (chosen != null) {
            model.addAttribute("gaps", records.toReview(chosen, false, REVIEW_ITEMS));
            model.addAttribute("ratedDown", records.toReview(chosen, true, REVIEW_ITEMS));
        }
        return "insight";
    }

    @GetMapping("/admin/documents")
    String documents(@RequestParam(required = false) String collection, Model model) {
        String chosen = chooseCollection(collection, model);
        if (chosen != null) {
            addTable(chosen, model);
        }
        return "documents";
    }

    /** The requested collection, else the first one (null when there are none), for the picker. */
    private String chooseCollection(String requested, Model model) {
        List<CollectionSummary> all = collections.list();
        String chosen = requested != null ? requested : all.isEmpty() ? null : all.get(0).name();
        model.addAttribute("collections", all);
        model.addAttribute("collection", chosen);
        return chosen;
    }

    @GetMapping("/ui/documents/table")
    String table(@RequestParam String collection, Model model) {
        addTable(collection, model);
        return "documents :: table";
    }

    private void addTable(String collection, Model model) {
        DocumentPage page = documents.page(collection, null, 0, PAGE_SIZE);
        model.addAttribute("collection", collection);
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
            HttpServletResponse response,
            Model model) {
        try {
            CollectionSummary created = collections.create(name, description);
            response.setHeader("HX-Redirect", "/admin/documents?collection=" + created.name());
            return "fragments :: empty";
        } catch (ProblemException e) {
            model.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    @DeleteMapping("/ui/documents/{id}")
    @ResponseBody
    String delete(@PathVariable UUID id) {
        documents.delete(id);
        return "";
    }

    @GetMapping("/admin/documents/{id}")
    String document(@PathVariable UUID id, Model model) {
        model.addAttribute("document", documents.get(id));
        model.addAttribute("text", documents.extractedText(id));
        model.addAttribute("passages", documents.passages(id));
        return "document";
    }
}
