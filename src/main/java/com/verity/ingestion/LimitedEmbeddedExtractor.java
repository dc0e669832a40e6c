package com.verity.ingestion;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/** Parses attachments and embedded files, up to a number per document; the rest are skipped. */
class LimitedEmbeddedExtractor extends ParsingEmbeddedDocumentExtractor {

    private final int maxResources;
    private int parsed;

    LimitedEmbeddedExtractor(ParseContext context, int maxResources) {
        super(context);
        this.maxResources = maxResources;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return parsed < maxResources && super.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(
            InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        parsed++;
        super.parseEmbedded(stream, handler, metadata, outputHtml);
    }
}
