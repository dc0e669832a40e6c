package com.verity.ingestion;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.apache.tika.parser.AutoDetectParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Extracts a document's text and structure with Apache Tika ({@link TikaParse}, under its limits).
 * By default in a parser process ({@link ParserProcesses}): a separate JVM with its own heap,
 * killed at the parse timeout, so a hostile or pathological file cannot take memory or a core from
 * the service; small plain-text and Markdown files ({@code verity.ingestion.parser.in-process-*})
 * are parsed on a thread of the service, where the hand-off would cost more than the parse. With
 * {@code verity.ingestion.parser.forked=false}, on a thread of the service that is abandoned at the
 * timeout.
 */
@Component
class DocumentParser implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DocumentParser.class);

    private final TikaParse inProcess;
    private final ParserProcesses forked;
    private final IngestionProperties properties;
    private final ParserProperties parserProperties;
    private final ExecutorService parsing = Executors.newCachedThreadPool(parseThreads());

    DocumentParser(
            AutoDetectParser parser,
            IngestionProperties properties,
            ParserProperties parserProperties,
            SupportedTypes supported,
            ParserSettings settings,
            ParserProcesses forked) {
        this.inProcess = new TikaParse(parser, settings, supported);
        this.forked = forked;
        this.properties = properties;
        this.parserProperties = parserProperties;
    }

    private static CustomizableThreadFactory parseThreads() {
        CustomizableThreadFactory factory = new CustomizableThreadFactory("parse-");
        factory.setDaemon(true);
        return factory;
    }

    ParsedDocument parse(byte[] bytes, String contentType, String filename) {
        if (parserProperties.forks(contentType, bytes.length)) {
            return forked.parse(bytes, contentType, filename);
        }
        return parseInProcess(bytes, contentType, filename);
    }

    private ParsedDocument parseInProcess(byte[] bytes, String contentType, String filename) {
        Duration timeout = properties.parseTimeout();
        Future<ParsedDocument> result =
                parsing.submit(
                        () ->
                                inProcess.parse(
                                        bytes, contentType, filename, Instant.now().plus(timeout)));
        try {
            return result.get(
                    timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw TikaParse.timedOut(timeout);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new DocumentRejectedException("parsing failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void destroy() {
        parsing.shutdownNow();
        log.debug("parser threads stopped");
    }
}
