package com.verity.assistant;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import com.verity.security.Role;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing models (admins only, audited): which ones callers may use and their profiles, pulling
 * one into Ollama or creating a variant of one as a job, deleting one. The module's facade for the
 * models page and {@code /api/models}.
 */
@Service
public class Models {

    /** Ollama's model names: a namespace/name, and a tag. */
    private static final Pattern OLLAMA_NAME =
            Pattern.compile(
                    "[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*(:[A-Za-z0-9._-]+)?");

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final List<String> QUANTIZATIONS = List.of("q4_K_M", "q4_K_S", "q8_0");
    private static final int MAX_NAME = 200;
    private static final int MAX_SYSTEM = 20_000;

    private final ModelCatalog catalog;
    private final ModelRegistry registry;
    private final ModelGateway gateway;
    private final ModelJobStore jobs;
    private final RoutingStore routings;
    private final SchedulerClient scheduler;
    private final AuditLog audit;
    private final AssistantProperties properties;
    private final Validator validator;
    private final ObjectProvider<ModelEvaluationFigures> figures;

    Models(
            ModelCatalog catalog,
            ModelRegistry registry,
            ModelGateway gateway,
            ModelJobStore jobs,
            RoutingStore routings,
            SchedulerClient scheduler,
            AuditLog audit,
            AssistantProperties properties,
            Validator validator,
            ObjectProvider<ModelEvaluationFigures> figures) {
        this.catalog = catalog;
        this.registry = registry;
        this.gateway = gateway;
        this.jobs = jobs;
        this.routings = routings;
        this.scheduler = scheduler;
        this.audit = audit;
        this.properties = properties;
        this.validator = validator;
        this.figures = figures;
    }

    /**
     * The models and their state, with each one's latest evaluation figures the caller may see:
     * admins also see those not allowed.
     */
    public ModelStatus status(Caller caller) {
        ModelStatus status = catalog.status(caller.isAdmin());
        ModelEvaluationFigures source = figures.getIfAvailable();
        // evaluations are their collections' editors': nothing to show anyone else
        return source == null || !caller.has(Role.EDITOR)
                ? status
                : status.withEvaluations(source.latest(caller));
    }

    /** Starts pulling {@code name} into Ollama. */
    @Transactional
    public ModelJob pull(String name, Caller caller) {
        String model = ollamaName(name, "name");
        return start("PULL", model, Map.of("name", model), caller);
    }

    /** Starts creating a variant of a pulled Ollama model. */
    @Transactional
    public ModelJob createVariant(VariantRequest variant, Caller caller) {
        String name = ollamaName(variant.name(), "name");
        String from = ollamaName(variant.from(), "from");
        ModelStatus status = catalog.status(true);
        if (status.models().stream().anyMatch(m -> m.pulled() && sameOllamaModel(m.name(), name))) {
            throw problem(
                    HttpStatus.CONFLICT,
                    "model-exists",
                    "Model exists",
                    "Ollama already has a model '%s'; choose another name or delete it first (DELETE /api/models/%s)."
                            .formatted(name, name));
        }
        if (status.models().stream()
                .noneMatch(m -> m.pulled() && sameOllamaModel(m.name(), from))) {
            throw problem(
                    HttpStatus.BAD_REQUEST,
                    "base-model-not-pulled",
                    "Base model not pulled",
                    "The base model '%s' is not in Ollama; pull it first (POST /api/models/pull)."
                            .formatted(from));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("model", name);
        request.put("from", from);
        if (variant.adapters() != null && !variant.adapters().isEmpty()) {
            variant.adapters()
                    .forEach(
                            (file, digest) -> {
                                if (file == null
                                        || file.isBlank()
                                        || digest == null
                                        || !DIGEST.matcher(digest).matches()) {
                                    throw invalid(
                                            "invalid-adapter",
                                            "'adapters' maps a file name to the digest of a blob in Ollama, 'sha256:' and 64 hex digits (docs/fine-tuning.md); got '%s': '%s'."
                                                    .formatted(file, digest));
                                }
                            });
            request.put("adapters", variant.adapters());
        }
        if (variant.system() != null && !variant.system().isBlank()) {
            if (variant.system().length() > MAX_SYSTEM) {
                throw invalid(
                        "system-too-long",
                        "'system' has %d characters; keep it under %d."
                                .formatted(variant.system().length(), MAX_SYSTEM));
            }
            request.put("system", variant.system());
        }
        if (variant.parameters() != null && !variant.parameters().isEmpty()) {
            variant.parameters()
                    .forEach(
                            (key, value) -> {
                                if (!key.matches("[a-z_]{1,40}")
                                        || !(value instanceof Number
                                                || value instanceof String
                                                || value instanceof Boolean
                                                || value instanceof List<?>)) {
                                    throw invalid(
                                            "invalid-parameter",
                                            "'parameters' holds Modelfile parameters such as num_ctx or temperature, each a number, text or list; '%s' is not one."
                                                    .formatted(key));
                                }
                            });
            request.put("parameters", variant.parameters());
        }
        if (variant.quantize() != null && !variant.quantize().isBlank()) {
            String level =
                    QUANTIZATIONS.stream()
                            .filter(q -> q.equalsIgnoreCase(variant.quantize().strip()))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            invalid(
                                                    "invalid-quantization",
                                                    "Ollama quantizes to %s; '%s' is not one."
                                                            .formatted(
                                                                    QUANTIZATIONS,
                                                                    variant.quantize())));
            request.put("quantize", level);
        }
        return start("CREATE", name, request, caller);
    }

    private ModelJob start(String kind, String model, Map<String, Object> request, Caller caller) {
        if (!catalog.status(false).ollamaReachable()) {
            throw problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "ollama-unreachable",
                    "Ollama not reachable",
                    ModelServer.ollama(properties.ollama().baseUrl()).unreachable());
        }
        UUID id = UUID.randomUUID();
        if (!jobs.insert(id, kind, model, ModelServer.OLLAMA, request, caller.username())) {
            throw problem(
                    HttpStatus.CONFLICT,
                    "model-job-running",
                    "Already in progress",
                    "A pull or create of '%s' is already running; follow it on GET /api/models/jobs."
                            .formatted(model));
        }
        scheduler.schedule(ModelJobTask.instance(id), Instant.now());
        audit.record(
                "PULL".equals(kind) ? AuditType.MODEL_PULLED : AuditType.MODEL_VARIANT_CREATED,
                caller,
                model,
                Map.of("job", id.toString(), "request", request));
        return jobs.find(id).orElseThrow();
    }

    public ModelJob job(UUID id) {
        return jobs.find(id)
                .orElseThrow(
                        () ->
                                problem(
                                        HttpStatus.NOT_FOUND,
                                        "model-job-not-found",
                                        "Job not found",
                                        "There is no model job "
                                                + id
                                                + " (GET /api/models/jobs)."));
    }

    public List<ModelJob> jobs(int limit) {
        if (limit < 1 || limit > 500) {
            throw invalid("invalid-limit", "limit must be between 1 and 500.");
        }
        return jobs.recent(limit);
    }

    /**
     * Sets whether callers may use {@code name} and its profile overrides (null: left as they are);
     * returns the model as {@code GET /api/models} shows it.
     */
    public ModelStatus.Model update(
            String name, Boolean allowed, ModelProfile profile, Caller caller) {
        String model = modelName(name);
        if (allowed == null && profile == null) {
            throw invalid(
                    "empty-model-change",
                    "Send \"allowed\" (true or false), a \"profile\", or both.");
        }
        Optional<ModelRegistry.Entry> entry = registry.find(model);
        ModelStatus everything = catalog.status(true);
        boolean known =
                entry.isPresent()
                        || everything.models().stream().anyMatch(m -> m.name().equals(model));
        if (!known) {
            throw modelNotFound(model);
        }
        if (profile != null) {
            var violations = validator.validate(profile);
            if (!violations.isEmpty()) {
                throw invalid(
                        "invalid-profile",
                        violations.stream()
                                .map(v -> "profile." + v.getPropertyPath() + " " + v.getMessage())
                                .sorted()
                                .toList()
                                .toString());
            }
            String problem = profile.over(gateway.profile(model)).problem();
            if (problem != null) {
                throw invalid("invalid-profile", problem);
            }
        }
        boolean allow =
                allowed != null ? allowed : entry.map(ModelRegistry.Entry::allowed).orElse(false);
        if (!allow && model.equals(properties.defaultModel())) {
            throw problem(
                    HttpStatus.CONFLICT,
                    "default-model",
                    "Default model",
                    "'%s' is the default model (verity.assistant.default-model); make another model the default before disallowing it."
                            .formatted(model));
        }
        if (!allow) {
            refuseIfRouted(model, "disallowing");
        }
        ModelProfile stored =
                profile != null
                        ? profile
                        : entry.map(ModelRegistry.Entry::profile).orElse(ModelProfile.NONE);
        registry.save(model, allow, stored, caller.username());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("allowed", allow);
        details.put("profile", stored);
        audit.record(AuditType.MODEL_CHANGED, caller, model, details);
        return catalog.status(true).models().stream()
                .filter(m -> m.name().equals(model))
                .findFirst()
                .orElseThrow();
    }

    /** Deletes {@code name} from Ollama and forgets it. */
    public void delete(String name, Caller caller) {
        String model = modelName(name);
        ModelGateway.Target target = gateway.target(model);
        if (!target.backend().server().ollama()) {
            throw invalid(
                    "not-an-ollama-model",
                    "'%s' is served by the backend '%s', which Verity cannot delete models from; disallow it instead (PUT /api/models/%s {\"allowed\": false})."
                            .formatted(model, target.backend().server().name(), model));
        }
        if (model.equals(properties.defaultModel())) {
            throw problem(
                    HttpStatus.CONFLICT,
                    "default-model",
                    "Default model",
                    "'%s' is the default model (verity.assistant.default-model); make another model the default before deleting it."
                            .formatted(model));
        }
        refuseIfRouted(model, "deleting");
        ModelStatus everything = catalog.status(true);
        boolean pulled =
                everything.models().stream()
                        .anyMatch(m -> m.pulled() && sameOllamaModel(m.name(), model));
        boolean registered = registry.find(model).isPresent();
        if (!pulled && !registered) {
            throw modelNotFound(model);
        }
        if (pulled) {
            gateway.ollama().delete(target.name());
        }
        registry.remove(model);
        catalog.forget();
        audit.record(AuditType.MODEL_DELETED, caller, model, Map.of("fromOllama", pulled));
    }

    /** A model a collection's routing names must stay: its questions would fail. */
    private void refuseIfRouted(String model, String doing) {
        List<String> using = routings.collectionsUsing(model);
        if (!using.isEmpty()) {
            throw problem(
                    HttpStatus.CONFLICT,
                    "model-in-routing",
                    "Model routed to",
                    "The routing of %s names '%s'; change it (PUT /api/collections/{c}/routing) before %s the model."
                            .formatted(using, model, doing));
        }
    }

    /** The overrides set on the models page for {@code name} (none: an empty profile). */
    public ModelProfile overrides(String name) {
        return registry.find(name).map(ModelRegistry.Entry::profile).orElse(ModelProfile.NONE);
    }

    private static boolean sameOllamaModel(String a, String b) {
        return OllamaBackend.fullName(a).equals(OllamaBackend.fullName(b));
    }

    private String ollamaName(String name, String field) {
        String model = name == null ? "" : name.strip();
        if (model.isEmpty()) {
            throw invalid(
                    "missing-model-name",
                    "Send the model's '%s', e.g. \"mistral:7b-instruct-q4_K_M\".".formatted(field));
        }
        if (model.length() > MAX_NAME || !OLLAMA_NAME.matcher(model).matches()) {
            throw invalid(
                    "invalid-model-name",
                    "'%s' is not an Ollama model name: letters, digits, '.', '_', '-', namespaces with '/', a tag after ':'."
                            .formatted(model));
        }
        if (!gateway.target(model).backend().server().ollama()) {
            throw invalid(
                    "not-an-ollama-model",
                    "'%s' names a model of the backend '%s', which serves its own models; Verity pulls and creates Ollama models only."
                            .formatted(model, gateway.target(model).backend().server().name()));
        }
        return model;
    }

    private static String modelName(String name) {
        String model = name == null ? "" : name.strip();
        if (model.isEmpty() || model.length() > MAX_NAME) {
            throw invalid("invalid-model-name", "Name the model, as GET /api/models lists it.");
        }
        return model;
    }

    private static AssistantException modelNotFound(String model) {
        return problem(
                HttpStatus.NOT_FOUND,
                "model-not-found",
                "Model not found",
                "No backend has a model '%s' and it is not registered (GET /api/models)."
                        .formatted(model));
    }

    private static AssistantException invalid(String slug, String detail) {
        return AssistantException.invalid(slug, "Invalid model request", detail);
    }

    private static AssistantException problem(
            HttpStatus status, String slug, String title, String detail) {
        return AssistantException.of(status, slug, title, detail);
    }
}
