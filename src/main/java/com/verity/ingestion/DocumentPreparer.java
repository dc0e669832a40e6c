package com.verity.ingestion;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The first steps of indexing a stored document: parse -> structure -> chunk. */
@Component
class DocumentPreparer {

    private final DocumentRepository documents;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final ChunkingProperties chunking;

    DocumentPreparer(
            DocumentRepository documents,
            DocumentParser parser,
            Chunker chunker,
            ChunkingProperties chunking) {
        this.documents = documents;
        this.parser = parser;
        this.chunker = chunker;
        this.chunking = chunking;
    }

    record Prepared(ChunkedDocument chunked, boolean truncated) {}

    Prepared prepare(UUID documentId, String contentType, String filename) {
        byte[] bytes =
                documents
                        .content(documentId)
                        .map(DocumentRepository.StoredContent::bytes)
                        .orElseThrow(
                                () -> new DocumentRejectedException("the stored file is missing"));
        ParsedDocument parsed = parser.parse(bytes, contentType, filename);
        ChunkingProperties.Profile profile = chunking.profileFor(contentType);
        List<Block> blocks =
                profile.structure() == ChunkingProperties.Structure.PLAIN_TEXT
                        ? PlainTextStructure.refine(parsed.blocks())
                        : parsed.blocks();
        String title = parsed.title() != null ? parsed.title() : inferTitle(blocks, filename);
        ChunkedDocument chunked = chunker.chunk(title, blocks, profile);
        if (chunked.chunks().isEmpty()) {
            throw new DocumentRejectedException(
                    "no text could be extracted (a scanned image without a text layer?)");
        }
        return new Prepared(chunked, parsed.truncated());
    }

    private static String inferTitle(List<Block> blocks, String filename) {
        return blocks.stream()
                .filter(b -> b.kind() == Block.Kind.HEADING)
                .map(Block::text)
                .findFirst()
                .orElseGet(() -> fileStem(filename));
    }

    private static String fileStem(String filename) {
        int dot = filename.lastIndexOf('.');
        return (dot > 0 ? filename.substring(0, dot) : filename).replaceAll("[-_]+", " ").strip();
    }
}
