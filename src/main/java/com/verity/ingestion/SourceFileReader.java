package com.verity.ingestion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Reads a file of a synced folder without trusting its size: a file that grows past the limit while
 * it is read is refused, never buffered whole. Files are opened without following a symbolic link.
 */
final class SourceFileReader {

    private static final int BUFFER = 64 * 1024;

    private SourceFileReader() {}

    /** The file's SHA-256 (hex), read as a stream. */
    static String sha256(Path file, String filename, long maxBytes) throws IOException {
        MessageDigest digest = Sha256.digest();
        read(file, filename, maxBytes, (buffer, length) -> digest.update(buffer, 0, length));
        return Sha256.hex(digest);
    }

    /** The file's bytes, at most {@code maxBytes} of them. */
    static byte[] bytes(Path file, String filename, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        read(file, filename, maxBytes, (buffer, length) -> out.write(buffer, 0, length));
        return out.toByteArray();
    }

    private interface Sink {
        void accept(byte[] buffer, int length);
    }

    private static void read(Path file, String filename, long maxBytes, Sink sink)
            throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBytes) {
                    throw IngestionException.tooLarge(filename, total, maxBytes);
                }
                sink.accept(buffer, n);
            }
        }
    }
}
