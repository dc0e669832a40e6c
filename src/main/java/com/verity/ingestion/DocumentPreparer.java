package com.verity.ingestion;

import com.verity.language.Language;
import com.verity.language.LanguageDetector;
import com.verity.language.TextSearchConfigs;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The first steps of indexing a stored document: parse -> structure -> chunk. */
@Component
class DocumentPreparer {

    private final DocumentRepository documents;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final ChunkingProperties chunking;
    private final LanguageDetector languages;
    private final TextSearchConfigs configs;
    private final Ocr ocr;

    DocumentPreparer(
            DocumentRepository documents,
            DocumentParser parser,
            Chunker chunker,
            ChunkingProperties chunking,
            LanguageDetector languages,
            TextSearchConfigs configs,
            Ocr ocr) {
        this.ocr = ocr;
        this.documents = documents;
        this.parser = parser;
        this.chunker = chunker;
        this.chunking = chunking;
        this.languages = languages;
        this.configs = configs;
    }

    /**
     * @param language the document's language (ISO 639-1): chosen at upload or detected; null when
     *     its text tells none Verity knows
     * @param textConfig the PostgreSQL text-search configuration its passages are indexed with
     * @param ocrPages pages (or images) whose text came from OCR
     * @param skippedAttachments attachments and embedded files left out of its text, and why
     */
    record Prepared(
            ChunkedDocument chunked,
            boolean truncated,
            String language,
            String textConfig,
            int ocrPages,
            List<SkippedAttachment> skippedAttachments) {}

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
                    contentType.startsWith("image/") || contentType.equals("application/pdf")
                            ? ocr.whyNoText(contentType)
                            : "no text could be extracted (a scanned image without a text layer?)");
        }
        Optional<Language> language =
                documents
                        .chosenLanguage(documentId)
                        .flatMap(Language::ofCode)
                        .or(() -> languages.detect(chunked.text()));
        return new Prepared(
                chunked,
                parsed.truncated(),
                language.map(Language::code).orElse(null),
                configs.forLanguage(language),
                parsed.ocrPages(),
                parsed.skippedAttachments());
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
