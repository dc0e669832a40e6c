package com.verity.ingestion;

import org.springframework.stereotype.Component;

/**
 * The checks every file passes before it is stored, whether uploaded or synced from a folder: a
 * size within verity.ingestion.max-file-size, not empty, and content of a supported type that
 * matches its name ({@link ContentTypeGuard}).
 */
@Component
class FileChecks {

    private final ContentTypeGuard guard;
    private final IngestionProperties properties;

    FileChecks(ContentTypeGuard guard, IngestionProperties properties) {
        this.guard = guard;
        this.properties = properties;
    }

    /** The largest file accepted, in bytes. */
    long maxBytes() {
        return properties.maxFileSize().toBytes();
    }

    /** Checked before any byte is read: a file over the limit or of 0 bytes is refused. */
    void checkSize(String filename, long size) {
        if (size > maxBytes()) {
            throw IngestionException.tooLarge(filename, size, maxBytes());
        }
        if (size == 0) {
            throw IngestionException.emptyFile(filename);
        }
    }

    /** The file's content type, or a problem that says why it cannot be accepted. */
    String contentType(String filename, byte[] bytes) {
        return guard.check(filename, bytes);
    }

    /** As {@link #contentType(String, byte[])}, reading the content as a stream. */
    String contentType(String filename, org.springframework.core.io.InputStreamSource content) {
        return guard.check(filename, content);
    }
}
