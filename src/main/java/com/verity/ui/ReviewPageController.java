package com.verity.ui;

import com.verity.collection.CollectionCatalog;
import com.verity.collection.CollectionSummary;
import com.verity.retrieval.RetrievedPassage;
import com.verity.retrieval.Retriever;
import com.verity.review.QueueItem;
import com.verity.review.ReviewQueue;
import com.verity.review.VerifiedAnswerRequest;
import com.verity.review.VerifiedAnswers;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The editors' review page (docs/review.md): a collection's review queue, each item with a form to
 * publish a verified answer for it, citing passages picked from the collection's current index (the
 * passages a search for the question finds now); dismissing items; the collection's verified
 * answers with their hits and status.
 */
@Controller
class ReviewPageController {

    private static final int ITEMS = 20;
    private static final int PASSAGES_PER_ITEM = 6;

    private final ReviewQueue queue;
    private final VerifiedAnswers verified;
    private final CollectionCatalog collections;
    private final Retriever retriever;

    ReviewPageController(
            ReviewQueue queue,
            VerifiedAnswers verified,
            CollectionCatalog collections,
            Retriever retriever) {
        this.queue = queue;
        this.verified = verified;
        this.collections = collections;
        this.retriever = retriever;
    }

    @GetMapping("/admin/review")
    String page(@RequestParam(required = false) String collection, Caller caller, Model model) {
        List<String> editable =
                collections.list(caller).stream()
                        .map(CollectionSummary::name)
                        .filter(name -> collections.editable(name, caller))
                        .toList();
        String chosen =
                collection != null && editable.contains(collection)
                        ? collection
                        : editable.isEmpty() ? null : editable.get(0);
        model.addAttribute("collections", editable);
        model.addAttribute("collection", chosen);
        if (chosen != null) {
            List<QueueItem> items = queue.items(chosen, null, ITEMS, caller);
            Map<QueueItem, List<RetrievedPassage>> passages = new LinkedHashMap<>();
            for (QueueItem item : items) {
                String question =
                        item.standaloneQuestion() != null
                                ? item.standaloneQuestion()
                                : item.question();
                passages.put(item, retriever.retrieve(question, chosen, PASSAGES_PER_ITEM, caller));
            }
            model.addAttribute("items", passages);
            model.addAttribute("verified", verified.list(chosen, null, 200, caller));
        }
        return "review";
    }

    @PostMapping("/ui/review/publish")
    String publish(
            @RequestParam String collection,
            @RequestParam(required = false) Long reviewItem,
            @RequestParam(required = false) UUID verifiedAnswer,
            @RequestParam String question,
            @RequestParam String answer,
            @RequestParam(name = "chunkId", required = false) List<Long> chunkIds,
            Caller caller,
            RedirectAttributes redirect) {
        List<VerifiedAnswerRequest.CitationRef> citations =
                chunkIds == null
                        ? List.of()
                        : chunkIds.stream()
                                .map(
                                        id ->
                                                new VerifiedAnswerRequest.CitationRef(
                                                        id, null, null, null))
                                .toList();
        try {
            VerifiedAnswerRequest request =
                    new VerifiedAnswerRequest(question, answer, citations, reviewItem);
            if (verifiedAnswer != null) {
                verified.update(verifiedAnswer, request, caller);
                redirect.addFlashAttribute("notice", "The verified answer is updated and active.");
            } else {
                verified.create(collection, request, caller);
                redirect.addFlashAttribute(
                        "notice", "Published: close questions now get this answer at once.");
            }
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("collection", collection);
        return "redirect:/admin/review";
    }

    @PostMapping("/ui/review/{id}/dismiss")
    String dismiss(
            @PathVariable long id,
            @RequestParam String collection,
            Caller caller,
            RedirectAttributes redirect) {
        try {
            queue.dismiss(id, caller);
            redirect.addFlashAttribute("notice", "Dismissed.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("collection", collection);
        return "redirect:/admin/review";
    }

    @PostMapping("/ui/verified-answers/{id}/delete")
    String delete(
            @PathVariable UUID id,
            @RequestParam String collection,
            Caller caller,
            RedirectAttributes redirect) {
        try {
            verified.delete(id, caller);
            redirect.addFlashAttribute("notice", "Deleted the verified answer.");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addAttribute("collection", collection);
        return "redirect:/admin/review";
    }
}
