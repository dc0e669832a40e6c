package com.verity.ui;

import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.PassageIndex;
import com.verity.reindex.ReindexJob;
import com.verity.reindex.ReindexJobs;
import com.verity.reindex.ReindexRequest;
import com.verity.reindex.ReindexTrigger;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.FragmentsRendering;

/**
 * The admins' re-index page: start a job for one collection or all, follow the running one (its
 * panel polls while the job runs), cancel it, and see recent jobs and which collections need one.
 *
 * <p>Every action answers with the job panel, its status line and the recent jobs as out-of-band
 * swaps; the main content is a problem message, or nothing, for the area beside the button.
 */
@Controller
class ReindexPageController {

    private static final int RECENT_JOBS = 20;

    private final ReindexJobs jobs;
    private final CollectionCatalog collections;
    private final PassageIndex index;

    ReindexPageController(ReindexJobs jobs, CollectionCatalog collections, PassageIndex index) {
        this.jobs = jobs;
        this.collections = collections;
        this.index = index;
    }

    @GetMapping("/admin/reindex")
    String page(Caller caller, Model model) {
        model.addAttribute("collections", collections.list(caller));
        model.addAttribute("outdated", Set.copyOf(index.outdatedCollections()));
        addJobs(jobs.running().orElse(null), model);
        return "reindex";
    }

    @GetMapping("/ui/reindex-jobs/{id}")
    FragmentsRendering job(@PathVariable UUID id, Model model) {
        return updates(FragmentsRendering.fragment("fragments :: empty"), jobs.get(id), model);
    }

    @PostMapping("/ui/reindex-jobs")
    FragmentsRendering start(
            @RequestParam(required = false) String collection,
            @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "false") boolean force,
            Caller caller,
            Model model) {
        try {
            ReindexJob started =
                    jobs.start(
                            new ReindexRequest(collection, blankToNull(reason), force),
                            ReindexTrigger.UI,
                            caller);
            return updates(FragmentsRendering.fragment("fragments :: empty"), started, model);
        } catch (ProblemException e) {
            return problem(e, jobs.running().orElse(null), model);
        }
    }

    @PostMapping("/ui/reindex-jobs/{id}/cancel")
    FragmentsRendering cancel(@PathVariable UUID id, Caller caller, Model model) {
        try {
            return updates(
                    FragmentsRendering.fragment("fragments :: empty"),
                    jobs.cancel(id, caller),
                    model);
        } catch (ProblemException e) {
            return problem(e, jobs.get(id), model);
        }
    }

    private FragmentsRendering problem(ProblemException e, ReindexJob job, Model model) {
        model.addAttribute("message", plainMessage(e));
        return updates(FragmentsRendering.fragment("fragments :: problem"), job, model);
    }

    /**
     * The problem in words for this page: a conflict is about the job the page shows below (the
     * API's detail would point at REST URLs instead); anything else says what to change.
     */
    static String plainMessage(ProblemException e) {
        return e.status() == HttpStatus.CONFLICT
                ? e.toProblemDetail().getTitle() + "; it is shown below."
                : e.getMessage();
    }

    private FragmentsRendering updates(
            FragmentsRendering.Builder main, ReindexJob job, Model model) {
        addJobs(job, model);
        model.addAttribute("oob", true);
        return main.fragment("reindex :: job")
                .fragment("reindex :: status")
                .fragment("reindex :: recent")
                .build();
    }

    private void addJobs(ReindexJob shown, Model model) {
        model.addAttribute("job", shown == null ? null : new ReindexJobView(shown));
        model.addAttribute(
                "recent", jobs.recent(RECENT_JOBS).stream().map(ReindexJobView::new).toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
