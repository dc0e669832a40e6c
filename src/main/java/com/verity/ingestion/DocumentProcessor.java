package com.verity.ingestion;

import com.verity.embedding.Embedder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes one claimed document: parse -> structure -> chunk -> embed -> store. A document that can
 * never be indexed fails with the reason; any other error is retried with backoff.
 */
@Component
class DocumentProcessor {

    private static final Logger log = LoggerFactory.getLogger(DocumentProcessor.class);

    private final DocumentRepository documents;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final Embedder embedder;
    private final PassageStore store;
    private final IngestionQueue queue;
    private final IndexGenerations generations;
    private final ChunkingProperties chunking;

    DocumentProcessor(
            DocumentRepository documents,
            DocumentParser parser,
            Chunker chunker,
            Embedder embedder,
            PassageStore store,
            IngestionQueue queue,
            IndexGenerations generations,
            ChunkingProperties chunking) {
        this.documents = documents;
        this.parser = parser;
        this.chunker = chunker;
        this.embedder = embedder;
        this.store = store;
        this.queue = queue;
        this.generations = generations;
        this.chunking = chunking;
    }

    void process(IngestionQueue.Claimed document) {
        long started = System.nanoTime();
        try {
            Prepared prepared = prepare(document);
            ChunkedDocument chunked = prepared.chunked();
            long preparedAt = System.nanoTime();
            List<float[]> vectors =
                    embedder.embedPassages(
                            chunked.chunks().stream().map(Chunk::searchText).toList());
            long embedded = System.nanoTime();
            boolean stored =
                    store.complete(
                            document, generations.active(), chunked, vectors, prepared.truncated());
            long done = System.nanoTime();
            log.info(
                    "{} {}: {} passages in {} ms (parse and chunk {} ms, embed {} ms, store {} ms)",
                    stored ? "Indexed" : "Dropped (deleted or superseded)",
                    document.filename(),
                    chunked.chunks().size(),
                    (done - started) / 1_000_000,
                    (preparedAt - started) / 1_000_000,
                    (embedded - preparedAt) / 1_000_000,
                    (done - embedded) / 1_000_000);
        } catch (DocumentRejectedException e) {
            log.info("Failed {}: {}", document.filename(), e.getMessage());
            queue.fail(document, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Attempt {} at {} failed", document.attempts(), document.filename(), e);
            queue.retryOrFail(document, String.valueOf(e.getMessage()));
        }
    }

    private record Prepared(ChunkedDocument chunked, boolean truncated) {}

    private Prepared prepare(IngestionQueue.Claimed document) {
        byte[] bytes =
                documents
                        .content(document.id())
                        .map(DocumentRepository.StoredContent::bytes)
                        .orElseThrow(
                                () -> new DocumentRejectedException("the stored file is missing"));
        ParsedDocument parsed = parser.parse(bytes, document.contentType(), document.filename());
        ChunkingProperties.Profile profile = chunking.profileFor(document.contentType());
        List<Block> blocks =
                profile.structure() == ChunkingProperties.Structure.PLAIN_TEXT
                        ? PlainTextStructure.refine(parsed.blocks())
                        : parsed.blocks();
        String title = parsed.title() != null ? parsed.title() : inferTitle(blocks, document);
        ChunkedDocument chunked = chunker.chunk(title, blocks, profile);
        if (chunked.chunks().isEmpty()) {
            throw new DocumentRejectedException(
                    "no text could be extracted (a scanned image without a text layer?)");
        }
        return new Prepared(chunked, parsed.truncated());
    }

    private static String inferTitle(List<Block> blocks, IngestionQueue.Claimed document) {
        return blocks.stream()
                .filter(b -> b.kind() == Block.Kind.HEADING)
                .map(Block::text)
                .findFirst()
                .orElseGet(() -> fileStem(document.filename()));
    }

    private static String fileStem(String filename) {
        int dot = filename.lastIndexOf('.');
        return (dot > 0 ? filename.substring(0, dot) : filename).replaceAll("[-_]+", " ").strip();
    }
}
