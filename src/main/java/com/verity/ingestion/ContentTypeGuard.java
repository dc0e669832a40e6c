package com.verity.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;

/**
 * Decides what an uploaded file is, from its content first: a file whose content contradicts its
 * extension is rejected, not guessed, and one whose content is unrecognisable is refused.
 */
@Component
class ContentTypeGuard {

    private final Detector detector;
    private final MimeTypes byName;
    private final MediaTypeRegistry registry;
    private final SupportedTypes supported;

    ContentTypeGuard(TikaConfig tika, SupportedTypes supported) {
        this.detector = tika.getDetector();
        this.byName = tika.getMimeRepository();
        this.registry = tika.getMediaTypeRegistry();
        this.supported = supported;
    }

    /** The content type of an upload, or a problem that says why it cannot be accepted. */
    String check(String filename, byte[] bytes) {
        return check(filename, new ByteArrayResource(bytes));
    }

    /**
     * As {@link #check(String, byte[])}, reading the content as a stream: detectors read its first
     * bytes, and container formats (Office, OpenDocument) are spooled to a temporary file by Tika,
     * so a large upload is never held in memory.
     */
    String check(String filename, InputStreamSource bytes) {
        MediaType named = detect(null, filename);
        MediaType content = detect(bytes, null);
        if (content.equals(MediaType.OCTET_STREAM)) {
            throw IngestionException.undetectableType(filename);
        }
        if (!named.equals(MediaType.OCTET_STREAM) && !compatible(named, content)) {
            throw IngestionException.contentMismatch(
                    filename, named.toString(), content.toString());
        }
        MediaType type = agrees(named, content) ? named : refined(bytes, filename, named);
        if (!supported.accepts(type)) {
            throw IngestionException.unsupportedType(filename, type.toString());
        }
        return type.toString();
    }

    /**
     * The name says what the content says, or a kind of it (Markdown for text): that is what
     * detection with the name would give, so the content is not read a second time.
     */
    private boolean agrees(MediaType named, MediaType content) {
        return named.equals(content) || registry.isSpecializationOf(named, content);
    }

    /** Detection from the content with the name as a hint, which may narrow the type down. */
    private MediaType refined(InputStreamSource bytes, String filename, MediaType named) {
        MediaType full = detect(bytes, filename);
        return registry.isSpecializationOf(named, full) ? named : full;
    }

    private boolean compatible(MediaType a, MediaType b) {
        return a.equals(b) || registry.isInstanceOf(a, b) || registry.isInstanceOf(b, a);
    }

    private MediaType detect(InputStreamSource bytes, String filename) {
        Metadata metadata = new Metadata();
        if (filename != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        try (InputStream in = bytes == null ? null : TikaInputStream.get(bytes.getInputStream())) {
            MediaType type =
                    bytes == null ? byName.detect(null, metadata) : detector.detect(in, metadata);
            return registry.normalize(type.getBaseType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
