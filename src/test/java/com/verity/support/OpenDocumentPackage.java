package com.verity.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ZIP package of an OpenDocument file: the {@code mimetype} entry first and stored uncompressed
 * (that is how readers recognise the format), a manifest and {@code content.xml}.
 */
final class OpenDocumentPackage {

    private static final String TEXT = "application/vnd.oasis.opendocument.text";

    private OpenDocumentPackage() {}

    /** An OpenDocument text whose body is the given {@code office:text} content. */
    static byte[] text(String body) {
        String content =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content
                    xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
                    xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
                    office:version="1.2"><office:body><office:text>%s</office:text></office:body>\
                </office:document-content>
                """
                        .formatted(body);
        String manifest =
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
                    manifest:version="1.2">
                  <manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>
                  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """
                        .formatted(TEXT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(stored("mimetype", TEXT.getBytes(StandardCharsets.US_ASCII)));
            zip.write(TEXT.getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ZipEntry stored(String name, byte[] bytes) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        return entry;
    }
}
