package com.verity.ingestion;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What parsing told about a document's file, whatever index generation it is built for: the pages
 * read by OCR, its language (unless chosen), the attachments left out. Known as soon as it is
 * parsed.
 */
final class FileFacts {

    private FileFacts() {}

    static void record(JdbcClient jdbc, UUID documentId, DocumentPreparer.Prepared prepared) {
        SkippedAttachment.bind(
                        jdbc.sql(
                                """
                                update document
                                set ocr_pages = :ocrPages,
                                    language = case when language_chosen then language
                                                    else cast(:language as text) end,
                                    skipped_attachments = """
                                        + SkippedAttachment.AS_JSONB
                                        + """

                                where id = :id
                                """),
                        prepared.skippedAttachments())
                .param("ocrPages", prepared.ocrPages())
                .param("language", prepared.language())
                .param("id", documentId)
                .update();
    }
}
