package com.verity.evaluation;

/** Where an evaluation stands: waiting for a worker, answering, or ended one of three ways. */
public enum EvaluationState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
