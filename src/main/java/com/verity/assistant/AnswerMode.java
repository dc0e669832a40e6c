package com.verity.assistant;

/** How a question was answered. */
public enum AnswerMode {
    /** The model answered from the passages, with citations. */
    ANSWERED,
    /** Nothing relevant enough was found; the model was not called. */
    NOT_FOUND,
    /** The model could not answer (unavailable, overloaded, too slow); the passages are shown. */
    PASSAGES_ONLY,
    /** An editor's verified answer to a question close enough to this one; no model was called. */
    VERIFIED,
    /**
     * Neither the first model's answer nor the escalation model's checked against the sources: the
     * better one is shown as unverified, and the turn waits in the review queue.
     */
    NEEDS_REVIEW
}
