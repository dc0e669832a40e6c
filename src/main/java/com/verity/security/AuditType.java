package com.verity.security;

/** What an audit event records. */
public enum AuditType {
    SIGN_IN,
    SIGN_IN_FAILED,
    /** too many failed sign-ins: a username or a client address is locked for a while */
    SIGN_IN_THROTTLED,
    SIGN_OUT,
    USER_CREATED,
    USER_CHANGED,
    USER_DELETED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    /** a collection's readers or editors, or a document's access groups */
    ACCESS_CHANGED,
    COLLECTION_CREATED,
    COLLECTION_CHANGED,
    DOCUMENTS_UPLOADED,
    DOCUMENT_DELETED,
    REINDEX_STARTED,
    REINDEX_CANCELLED,
    GOLDEN_SET_CREATED,
    GOLDEN_SET_DELETED,
    GOLDEN_SET_CHANGED,
    EVALUATION_STARTED,
    EVALUATION_CANCELLED,
    /** an agent's blind vote between two models' answers */
    COMPARISON_VOTED,
    SYNC_STARTED,
    MODEL_PULLED,
    MODEL_VARIANT_CREATED,
    MODEL_CHANGED,
    MODEL_DELETED,
    ROUTING_CHANGED,
    VERIFIED_ANSWER_CREATED,
    VERIFIED_ANSWER_CHANGED,
    VERIFIED_ANSWER_DELETED,
    REVIEW_DISMISSED,
    TRAINING_DATA_EXPORTED,
    CONVERSATIONS_DELETED,
    RETENTION_RUN
}
