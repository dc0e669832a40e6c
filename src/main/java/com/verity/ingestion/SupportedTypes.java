package com.verity.ingestion;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.springframework.stereotype.Component;

/**
 * The document formats Verity takes (verity.ingestion.supported-types), matched exactly after
 * Tika's normalisation of aliases: Tika counts every text format, JavaScript and SVG included, as a
 * kind of text/plain, so "any sub-type of a supported type" would let script through.
 */
@Component
class SupportedTypes {

    private final MediaTypeRegistry registry;
    private final Set<MediaType> supported;

    @org.springframework.beans.factory.annotation.Autowired
    SupportedTypes(TikaConfig tika, IngestionProperties properties) {
        this(tika, properties.supportedTypes());
    }

    SupportedTypes(TikaConfig tika, java.util.List<String> types) {
        this.registry = tika.getMediaTypeRegistry();
        this.supported =
                types.stream()
                        .map(type -> registry.normalize(MediaType.parse(type)).getBaseType())
                        .collect(Collectors.toUnmodifiableSet());
    }

    boolean accepts(MediaType type) {
        return supported.contains(registry.normalize(type).getBaseType());
    }

    /**
     * Whether an attachment or embedded file of that type is parsed: a supported type other than an
     * image (logos and screenshots in documents would cost an OCR run each and add noise; an image
     * uploaded by itself is read).
     */
    boolean acceptsEmbedded(MediaType type) {
        return accepts(type) && !"image".equals(type.getType());
    }
}
