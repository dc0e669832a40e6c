package com.verity.ingestion;

/**
 * A document that cannot be indexed however often it is tried (malformed, encrypted, a zip bomb,
 * too slow to parse, no text): it goes straight to FAILED with this message as the reason.
 */
public class DocumentRejectedException extends RuntimeException {

    DocumentRejectedException(String message) {
        super(message);
    }

    DocumentRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
