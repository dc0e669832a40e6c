package com.verity.evaluation;

import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/evaluations}: a golden set of a collection, answered by each of the models.
 *
 * @param models the models to compare, by the names callers ask for (e.g. {@code mistral})
 * @param judge a model that grades faithfulness and relevance (none: those are not measured)
 * @param promptVersion the prompt version to answer with (none: the one in use)
 */
public record EvaluationRequest(
        String collection,
        UUID goldenSet,
        List<String> models,
        String judge,
        String promptVersion) {}
