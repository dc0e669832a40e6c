package com.verity.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The models callers may choose, what their backends say of them, and whether each is ready.
 *
 * @param ollamaReachable whether Ollama answered; when it did not, {@code pulled} is unknown
 *     (false) for its models
 * @param backends every backend, Ollama first, and whether it answered
 * @param models the allowed models; for admins also the models a backend has that are not allowed,
 *     and those disallowed on the models page
 */
public record ModelStatus(
        String defaultModel,
        boolean ollamaReachable,
        String ollamaError,
        List<Backend> backends,
        List<Model> models) {

    /** One backend: {@code ollama} or an OpenAI-compatible server by its configured name. */
    public record Backend(
            String name,
            String type,
            boolean reachable,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}

    /**
     * One model.
     *
     * @param pulled whether its backend has it (an OpenAI-compatible server: serves it)
     * @param pullCommand how to make it available when it is not (null when it is)
     * @param contextLength the model's own context length (not the {@code num_ctx} used, which is
     *     in the profile)
     * @param loaded whether it is in memory now, so answers start without loading it
     * @param profile how its requests are made, every field resolved
     * @param latestEvaluation its figures from the latest finished evaluation of a collection the
     *     caller may edit (absent when there is none)
     */
    public record Model(
            String name,
            boolean pulled,
            String pullCommand,
            String backend,
            String family,
            String parameterSize,
            String quantizationLevel,
            Integer contextLength,
            Long sizeBytes,
            boolean loaded,
            boolean allowed,
            ModelProfile profile,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> latestEvaluation) {

        Model withEvaluation(Map<String, Object> figures) {
            return new Model(
                    name,
                    pulled,
                    pullCommand,
                    backend,
                    family,
                    parameterSize,
                    quantizationLevel,
                    contextLength,
                    sizeBytes,
                    loaded,
                    allowed,
                    profile,
                    figures);
        }
    }

    /** The same status with each model's latest evaluation figures. */
    ModelStatus withEvaluations(Map<String, Map<String, Object>> figures) {
        return new ModelStatus(
                defaultModel,
                ollamaReachable,
                ollamaError,
                backends,
                models.stream().map(m -> m.withEvaluation(figures.get(m.name()))).toList());
    }

    /** The allowed model called {@code name}, if there is one. */
    public java.util.Optional<Model> allowedModel(String name) {
        return models.stream().filter(m -> m.allowed() && m.name().equals(name)).findFirst();
    }

    /** The names of the allowed models. */
    public List<String> allowedNames() {
        return models.stream().filter(Model::allowed).map(Model::name).toList();
    }
}
