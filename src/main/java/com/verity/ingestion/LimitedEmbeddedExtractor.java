package com.verity.ingestion;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.detect.Detector;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses attachments and embedded files of the supported document formats, up to a number per
 * document; the rest are skipped. An attachment passes the same list an upload does, by its
 * content.
 */
class LimitedEmbeddedExtractor extends ParsingEmbeddedDocumentExtractor {

    private final int maxResources;
    private final Detector detector;
    private final SupportedTypes supported;
    private int parsed;

    LimitedEmbeddedExtractor(
            ParseContext context, int maxResources, Detector detector, SupportedTypes supported) {
        super(context);
        this.maxResources = maxResources;
        this.detector = detector;
        this.supported = supported;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return parsed < maxResources && super.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(
            InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        TikaInputStream content = TikaInputStream.get(stream);
        if (!supported.acceptsEmbedded(detector.detect(content, metadata))) {
            return;
        }
        parsed++;
        super.parseEmbedded(content, handler, metadata, outputHtml);
    }
}
