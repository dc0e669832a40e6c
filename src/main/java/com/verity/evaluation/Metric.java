package com.verity.evaluation;

/**
 * The shares an evaluation measures per question and sums up per model with a confidence interval
 * (definitions in docs/evaluation.md). Each is a value in [0, 1] on the questions it applies to;
 * two are shares of sentences or claims, so a question counts with its number of them.
 */
enum Metric {
    RECALL_AT_5("recallAt5", Group.RETRIEVAL),
    PASSAGE_HIT_AT_5("passageHitAt5", Group.RETRIEVAL),
    MRR("mrr", Group.RETRIEVAL),
    NDCG_AT_10("ndcgAt10", Group.RETRIEVAL),
    ANSWERED("answered", Group.ANSWERS),
    NOT_FOUND("notFound", Group.ANSWERS),
    PASSAGES_ONLY("passagesOnly", Group.ANSWERS),
    CITATION_VALIDITY("citationValidity", Group.ANSWERS),
    CITED_EXPECTED_DOCUMENT("citedExpectedDocument", Group.ANSWERS),
    SUPPORTED_SENTENCES("supportedSentences", Group.ANSWERS, "claims"),
    REFERENCE_OVERLAP("referenceOverlap", Group.ANSWERS),
    REFERENCE_SIMILARITY("referenceSimilarity", Group.ANSWERS),
    REFUSAL_ON_UNANSWERABLE("refusalOnUnanswerable", Group.ANSWERS),
    FAITHFULNESS("faithfulness", Group.JUDGE, "judgedClaims"),
    RELEVANCE("relevance", Group.JUDGE);

    /** Where the metric stands in a report. */
    enum Group {
        RETRIEVAL,
        ANSWERS,
        JUDGE
    }

    private final String key;
    private final Group group;
    private final String weight;

    Metric(String key, Group group) {
        this(key, group, null);
    }

    Metric(String key, Group group, String weight) {
        this.key = key;
        this.group = group;
        this.weight = weight;
    }

    /** The name in the REST API and the reports. */
    String key() {
        return key;
    }

    Group group() {
        return group;
    }

    /** The item metric a question counts with (its sentences or claims); null: each counts once. */
    String weight() {
        return weight;
    }
}
