package com.verity.ui;

import com.verity.assistant.ModelJob;
import com.verity.assistant.ModelProfile;
import com.verity.assistant.ModelStatus;
import com.verity.assistant.Models;
import com.verity.assistant.VariantRequest;
import com.verity.security.Caller;
import com.verity.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' models page: the backends and their models with what each says of them and the
 * model's latest evaluation figures; allowing a model and its profile; pulling a model and creating
 * a variant as jobs whose progress the page follows; deleting one (docs/models.md). A form posted
 * without htmx comes back to the page with its outcome.
 */
@Controller
class ModelsPageController {

    private static final int RECENT_JOBS = 15;

    private final Models models;

    ModelsPageController(Models models) {
        this.models = models;
    }

    @GetMapping("/admin/models")
    String page(Caller caller, Model model) {
        ModelStatus status = models.status(caller);
        Map<String, ModelProfile> overrides = new LinkedHashMap<>();
        status.models().forEach(m -> overrides.put(m.name(), models.overrides(m.name())));
        model.addAttribute("status", status);
        model.addAttribute("overrides", overrides);
        model.addAttribute("jobs", models.jobs(RECENT_JOBS));
        return "models";
    }

    @GetMapping("/ui/models/jobs/{id}")
    String job(@PathVariable UUID id, Model model) {
        model.addAttribute("job", models.job(id));
        return "fragments :: model-job";
    }

    @PostMapping("/ui/models/pull")
    String pull(
            @RequestParam String name,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Caller caller,
            Model model,
            RedirectAttributes redirect) {
        return started(() -> models.pull(name, caller), htmx, model, redirect);
    }

    @PostMapping("/ui/models/variants")
    String variant(
            @RequestParam String name,
            @RequestParam String from,
            @RequestParam(required = false) String adapterFile,
            @RequestParam(required = false) String adapterDigest,
            @RequestParam(required = false) String system,
            @RequestParam(required = false) String parameters,
            @RequestParam(required = false) String quantize,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Caller caller,
            Model model,
            RedirectAttributes redirect) {
        Map<String, String> adapters =
                adapterFile == null || adapterFile.isBlank()
                        ? null
                        : Map.of(
                                adapterFile.strip(),
                                adapterDigest == null ? "" : adapterDigest.strip());
        return started(
                () ->
                        models.createVariant(
                                new VariantRequest(
                                        name,
                                        from,
                                        adapters,
                                        system,
                                        parameters(parameters),
                                        quantize),
                                caller),
                htmx,
                model,
                redirect);
    }

    @PostMapping("/ui/models/settings")
    String settings(
            @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean allowed,
            @RequestParam(required = false) Integer numCtx,
            @RequestParam(required = false) Double temperature,
            @RequestParam(required = false) Double topP,
            @RequestParam(required = false) Integer numPredict,
            @RequestParam(required = false) Integer keepAlive,
            @RequestParam(required = false) Double tokenEstimateFactor,
            Caller caller,
            RedirectAttributes redirect) {
        try {
            models.update(
                    name,
                    allowed,
                    new ModelProfile(
                            numCtx, temperature, topP, numPredict, keepAlive, tokenEstimateFactor),
                    caller);
            redirect.addFlashAttribute("notice", "Saved " + name + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", name + ": " + e.getMessage());
        }
        return "redirect:/admin/models";
    }

    @PostMapping("/ui/models/delete")
    String delete(@RequestParam String name, Caller caller, RedirectAttributes redirect) {
        try {
            models.delete(name, caller);
            redirect.addFlashAttribute("notice", "Deleted " + name + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("problem", name + ": " + e.getMessage());
        }
        return "redirect:/admin/models";
    }

    private static String started(
            Supplier<ModelJob> start, String htmx, Model model, RedirectAttributes redirect) {
        try {
            ModelJob job = start.get();
            if (htmx == null) {
                redirect.addFlashAttribute(
                        "notice", "Started: " + job.kind() + " " + job.model() + ".");
                return "redirect:/admin/models";
            }
            model.addAttribute("job", job);
            return "fragments :: model-job";
        } catch (ProblemException e) {
            if (htmx == null) {
                redirect.addFlashAttribute("problem", e.getMessage());
                return "redirect:/admin/models";
            }
            model.addAttribute("message", e.getMessage());
            return "fragments :: problem";
        }
    }

    /** "temperature 0.2" lines as Modelfile parameters, numbers as numbers. */
    private static Map<String, Object> parameters(String lines) {
        if (lines == null || lines.isBlank()) {
            return null;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String line : lines.split("\\R")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts[0].isEmpty()) {
                continue;
            }
            String value = parts.length > 1 ? parts[1].strip() : "";
            parameters.put(
                    parts[0],
                    value.matches("-?\\d+")
                            ? (Object) Long.valueOf(value)
                            : value.matches("-?\\d+\\.\\d+")
                                    ? (Object) Double.valueOf(value)
                                    : value);
        }
        return parameters;
    }
}
