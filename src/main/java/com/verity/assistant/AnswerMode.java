package com.verity.assistant;

/** How a question was answered. */
public enum AnswerMode {
    /** The model answered from the passages, with citations. */
    ANSWERED,
    /** Nothing relevant enough was found; the model was not called. */
    NOT_FOUND,
    /** The model could not answer (unavailable, overloaded, too slow); the passages are shown. */
    PASSAGES_ONLY
}
