package com.verity.assistant;

import com.verity.security.Caller;
import java.util.Map;

/**
 * Each model's figures from its latest finished evaluation, for {@code GET /api/models}; provided
 * by the evaluation module (which depends on this one, not the other way round).
 */
public interface ModelEvaluationFigures {

    /**
     * By model name: the evaluation, its collection and when it finished, and the model's answer
     * figures there; only evaluations of collections the caller may edit.
     */
    Map<String, Map<String, Object>> latest(Caller caller);
}
