package com.verity.assistant;

/**
 * How one collection's questions are routed, as {@code GET|PUT /api/collections/{c}/routing} shows
 * it.
 *
 * @param defaultModel the model that answers first when a question names none
 * @param escalationModel the model that answers again when the first answer fails its check (null:
 *     no escalation)
 * @param unsupportedThreshold the share of an answer's sentences found unsupported above which the
 *     answer escalates (0: any unsupported sentence escalates)
 * @param verifiedAnswerThreshold the cosine similarity of question embeddings from which a verified
 *     answer is served
 */
public record Routing(
        String collection,
        String defaultModel,
        String escalationModel,
        double unsupportedThreshold,
        double verifiedAnswerThreshold) {}
