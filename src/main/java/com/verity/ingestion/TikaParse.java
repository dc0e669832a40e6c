package com.verity.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Message;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.commonmark.parser.Parser.Builder;
import org.commonmark.renderer.html.HtmlRenderer;
import org.xml.sax.SAXException;

/**
 * One parse with Apache Tika, under limits: extracted characters, a deadline checked on every SAX
 * event, zip-bomb and nesting guards, a cap on embedded files, OCR as configured. Markdown is
 * rendered to HTML first (commonmark) so its headings, lists and tables keep their structure. Runs
 * in the service (in-process parsing) or in a parser process ({@link ParserProcess}), the same
 * either way.
 */
final class TikaParse {

    private static final String MARKDOWN = "text/markdown";

    private final AutoDetectParser parser;
    private final ParserSettings settings;
    private final SupportedTypes supported;
    private final org.commonmark.parser.Parser markdown = new Builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).build();

    TikaParse(AutoDetectParser parser, ParserSettings settings, SupportedTypes supported) {
        this.parser = parser;
        this.settings = settings;
        this.supported = supported;
    }

    /** A parse set up from the settings alone, as a parser process does. */
    static TikaParse create(ParserSettings settings) throws TikaException, IOException {
        TikaConfig tika = new TikaConfig(TikaParse.class.getClassLoader());
        return new TikaParse(
                TikaConfiguration.limitedParser(tika, settings),
                settings,
                new SupportedTypes(tika, settings.supportedTypes()));
    }

    ParsedDocument parse(byte[] bytes, String contentType, String filename, Instant deadline) {
        String type = contentType;
        byte[] input = bytes;
        if (MARKDOWN.equals(contentType)) {
            String rendered =
                    html.render(markdown.parse(new String(bytes, StandardCharsets.UTF_8)));
            input = ("<html><body>" + rendered + "</body></html>").getBytes(StandardCharsets.UTF_8);
            type = "text/html";
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        metadata.set(Metadata.CONTENT_TYPE, type);
        StructureCollector collector =
                new StructureCollector(settings.maxExtractedChars(), deadline);
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        Ocr.configure(
                context,
                settings.ocrActive(),
                settings.ocrLanguages(),
                settings.ocrPageTimeoutSeconds(),
                settings.ocrDpi());
        LimitedEmbeddedExtractor attachments =
                new LimitedEmbeddedExtractor(
                        context,
                        settings.maxEmbeddedResources(),
                        parser.getDetector(),
                        supported,
                        collector);
        context.set(EmbeddedDocumentExtractor.class, attachments);
        try (InputStream in = TikaInputStream.get(input)) {
            parser.parse(in, collector, metadata, context);
        } catch (SAXException e) {
            rethrowUnlessTruncated(e, collector);
        } catch (EncryptedDocumentException e) {
            throw new DocumentRejectedException(
                    "the document is encrypted or password-protected; upload an unprotected copy",
                    e);
        } catch (ZeroByteFileException e) {
            throw new DocumentRejectedException("the file is empty", e);
        } catch (TikaException e) {
            rethrowUnlessTruncated(e, collector);
        } catch (IOException e) {
            throw new DocumentRejectedException("the file could not be read: " + e.getMessage(), e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new DocumentRejectedException(
                    "the document is too large or too deeply nested to parse (" + e + ")", e);
        }
        List<Block> blocks = new ArrayList<>(messageHeader(metadata));
        blocks.addAll(collector.blocks());
        return new ParsedDocument(
                title(metadata),
                blocks,
                collector.truncated(),
                ocrPages(type, metadata, blocks),
                attachments.skipped());
    }

    private void rethrowUnlessTruncated(Exception e, StructureCollector collector) {
        Optional<StructureCollector.Stop> stop = StructureCollector.stopIn(e);
        if (stop.isPresent()) {
            if (stop.get().deadline) {
                throw timedOut(settings.parseTimeout());
            }
            return; // text limit reached: keep what was collected, flagged truncated
        }
        Optional<String> bomb = zipBombMessage(e);
        if (bomb.isPresent() && bomb.get().contains("levels of XML element nesting")) {
            throw new DocumentRejectedException(
                    "the document nests its elements deeper than %d levels"
                                    .formatted(settings.maxNestingDepth())
                            + " (verity.ingestion.max-nesting-depth)",
                    e);
        }
        if (bomb.isPresent()) {
            throw new DocumentRejectedException(
                    "suspected zip bomb (compression ratio or nesting beyond the limits): "
                            + bomb.get(),
                    e);
        }
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the wrapper says "XML parse error"; the cause says which (an entity-expansion limit, say)
        if (root != e && root.getMessage() != null && !reason.contains(root.getMessage())) {
            reason = reason + ": " + root.getMessage();
        }
        throw new DocumentRejectedException("the document could not be parsed: " + reason, e);
    }

    /**
     * The message of Tika's or POI's zip-bomb guard (compression ratio, package depth, XML nesting)
     * among a failure's causes.
     */
    static Optional<String> zipBombMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase().contains("zip bomb")) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    static DocumentRejectedException timedOut(Duration timeout) {
        String limit =
                timeout.toMillis() % 1000 == 0
                        ? timeout.toSeconds() + " s"
                        : timeout.toMillis() + " ms";
        return new DocumentRejectedException(
                "parsing took longer than %s (verity.ingestion.parse-timeout); the file may be"
                                .formatted(limit)
                        + " damaged or unusually complex");
    }

    /** PDF pages Tika OCR'd, or 1 for an image that yielded text (images are read by OCR only). */
    private int ocrPages(String type, Metadata metadata, List<Block> blocks) {
        if (!settings.ocrActive()) {
            return 0;
        }
        if (type.startsWith("image/")) {
            return blocks.isEmpty() ? 0 : 1;
        }
        Integer pages = metadata.getInt(org.apache.tika.metadata.PDF.OCR_PAGE_COUNT);
        return pages == null ? 0 : pages;
    }

    private static String title(Metadata metadata) {
        for (String candidate :
                new String[] {
                    metadata.get(TikaCoreProperties.TITLE), metadata.get(TikaCoreProperties.SUBJECT)
                }) {
            if (candidate != null && !candidate.isBlank() && candidate.length() < 300) {
                return candidate.strip();
            }
        }
        return null;
    }

    /** For e-mail, who wrote to whom and when: searchable like the body. */
    private static List<Block> messageHeader(Metadata metadata) {
        List<String> lines = new ArrayList<>();
        addHeader(lines, "From", metadata.getValues(Message.MESSAGE_FROM));
        addHeader(lines, "To", metadata.getValues(Message.MESSAGE_TO));
        addHeader(lines, "Cc", metadata.getValues(Message.MESSAGE_CC));
        if (lines.isEmpty()) {
            return List.of();
        }
        String date = metadata.get(TikaCoreProperties.CREATED);
        if (date != null) {
            lines.add("Date: " + date);
        }
        String subject = metadata.get(TikaCoreProperties.TITLE);
        if (subject != null) {
            lines.add("Subject: " + subject);
        }
        return List.of(Block.of(Block.Kind.PARAGRAPH, String.join("\n", lines)));
    }

    private static void addHeader(List<String> lines, String name, String[] values) {
        if (values != null && values.length > 0) {
            lines.add(name + ": " + String.join(", ", values));
        }
    }
}
