package com.verity.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ParseRecord;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses attachments and embedded files of the supported document formats, up to a number per
 * document. The rest are skipped and listed with the reason: a type Verity does not accept, one too
 * many, or one that failed to parse (a zip bomb inside an e-mail, say), whose partial text is taken
 * out again. Images inside documents are skipped without being listed (a logo or screenshot would
 * cost an OCR run each and add noise; an image uploaded by itself is read).
 */
class LimitedEmbeddedExtractor extends ParsingEmbeddedDocumentExtractor {

    /** Skips listed by name; beyond, they are counted in one last entry. */
    static final int LISTED = 50;

    private final int maxResources;
    private final Detector detector;
    private final SupportedTypes supported;
    private final StructureCollector collector;
    private final ParseContext context;
    private final List<SkippedAttachment> skipped = new ArrayList<>();
    private int unlisted;
    private int parsed;

    LimitedEmbeddedExtractor(
            ParseContext context,
            int maxResources,
            Detector detector,
            SupportedTypes supported,
            StructureCollector collector) {
        super(context);
        this.context = context;
        this.maxResources = maxResources;
        this.detector = detector;
        this.supported = supported;
        this.collector = collector;
    }

    /** What was skipped, in the order met. */
    List<SkippedAttachment> skipped() {
        if (unlisted == 0) {
            return List.copyOf(skipped);
        }
        List<SkippedAttachment> all = new ArrayList<>(skipped);
        all.add(new SkippedAttachment("…", unlisted + " more attachments skipped"));
        return all;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        if (!super.shouldParseEmbedded(metadata)) {
            return false;
        }
        if (parsed >= maxResources) {
            skip(
                    metadata,
                    "the document has more than %d attachments and embedded files"
                                    .formatted(maxResources)
                            + " (verity.ingestion.max-embedded-resources)");
            return false;
        }
        return true;
    }

    @Override
    public void parseEmbedded(
            InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        TikaInputStream content = TikaInputStream.get(stream);
        MediaType type = detector.detect(content, metadata);
        if (!supported.acceptsEmbedded(type)) {
            if (!"image".equals(type.getType())) {
                skip(metadata, "its type (%s) is not one Verity accepts".formatted(type));
            }
            return;
        }
        parsed++;
        // Tika records an embedded file's failure in the parse record and goes on with the rest
        ParseRecord record = record();
        int failuresBefore = record.getExceptions().size();
        StructureCollector.Mark mark = collector.mark();
        super.parseEmbedded(content, handler, metadata, outputHtml);
        List<Exception> failures = record.getExceptions();
        if (failures.size() > failuresBefore) {
            Exception failure = failures.get(failures.size() - 1);
            Optional<StructureCollector.Stop> stop = StructureCollector.stopIn(failure);
            if (stop.isPresent()) {
                throw stop.get(); // the document's own text limit or deadline, wrapped by a parser
            }
            collector.discardSince(mark);
            skip(metadata, reason(failure));
        }
    }

    private ParseRecord record() {
        ParseRecord record = context.get(ParseRecord.class);
        if (record == null) {
            record = new ParseRecord();
            context.set(ParseRecord.class, record);
        }
        return record;
    }

    private void skip(Metadata metadata, String reason) {
        if (skipped.size() >= LISTED) {
            unlisted++;
            return;
        }
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        if (name == null || name.isBlank()) {
            name = "attachment " + (parsed + skipped.size() + 1);
        }
        skipped.add(new SkippedAttachment(SkippedAttachment.clip(name), reason));
    }

    private static String reason(Exception failure) {
        if (failure instanceof EncryptedDocumentException) {
            return "it is encrypted or password-protected";
        }
        if (TikaParse.zipBombMessage(failure).isPresent()) {
            return "suspected zip bomb (compression ratio or nesting beyond the limits)";
        }
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return "it could not be parsed: " + SkippedAttachment.clip(message);
    }
}
