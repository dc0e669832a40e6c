package com.verity.ingestion;

import com.pgvector.PGvector;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a processed document's passages and marks it INDEXED, in one transaction that also removes
 * the older versions of the same file: searches see the old version or the new one, never both or
 * neither. A file's versions are those of the same name from the same origin: uploads, or one
 * folder source; a synced file never replaces an upload of the same name, nor the other way round.
 */
@Component
class PassageStore {

    /**
     * All of a document's passages in one statement: the full-text statistics are appended per
     * statement (a trigger over the inserted rows), so one statement per document keeps them to one
     * row per term. The vectors travel as text, which pgvector parses exactly.
     */
    private static final String INSERT =
            """
            insert into passage (document_id, collection_id, generation_id, ordinal, start_offset,
                                 end_offset, section, text, heading, search_text, token_count,
                                 embedding, text_config)
            select :document, :collection, :generation, c.ordinal, c.start_offset, c.end_offset,
                   c.section, c.text, c.heading, c.search_text, c.token_count,
                   cast(c.embedding as vector), cast(:config as regconfig)
            from unnest(cast(:ordinals as int[]), cast(:starts as int[]), cast(:ends as int[]),
                        cast(:sections as text[]), cast(:texts as text[]),
                        cast(:headings as text[]), cast(:searchTexts as text[]),
                        cast(:tokens as int[]), cast(:embeddings as text[]))
                   as c(ordinal, start_offset, end_offset, section, text, heading, search_text,
                        token_count, embedding)
            """;

    /** What became of a processed document. */
    enum Outcome {
        STORED,
        /** Deleted or taken over meanwhile: nothing is written. */
        DROPPED,
        /** The generation it was embedded for stopped serving its collection: embed it again. */
        STALE
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final IndexGenerations generations;

    PassageStore(JdbcClient jdbc, TransactionTemplate transactions, IndexGenerations generations) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.generations = generations;
    }

    Outcome complete(
            IngestionQueue.Claimed document,
            IndexGeneration generation,
            DocumentPreparer.Prepared prepared,
            List<float[]> vectors) {
        return transactions.execute(
                tx -> {
                    lockFileName(document);
                    if (!stillOurs(document)) {
                        tx.setRollbackOnly();
                        return Outcome.DROPPED;
                    }
                    if (supersededByIndexedVersion(document)) {
                        jdbc.sql("delete from document where id = :id")
                                .param("id", document.id())
                                .update();
                        return Outcome.DROPPED;
                    }
                    generations.lockForWrite(document.collectionId());
                    if (generations.servingFor(document.collectionId()).id() != generation.id()) {
                        return Outcome.STALE;
                    }
                    writePassages(
                            document.id(),
                            document.collectionId(),
                            generation,
                            prepared.chunked().chunks(),
                            vectors,
                            prepared.textConfig());
                    markIndexed(document.id(), prepared);
                    removeOlderVersions(document);
                    return Outcome.STORED;
                });
    }

    private void lockFileName(IngestionQueue.Claimed document) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))")
                .param("key", document.collectionId() + "/" + document.filename())
                .query()
                .singleValue();
    }

    private boolean stillOurs(IngestionQueue.Claimed document) {
        return jdbc.sql(
                        """
                        select id from document
                        where id = :id and locked_by = :worker and status = 'PROCESSING'
                        for update
                        """)
                .param("id", document.id())
                .param("worker", document.worker())
                .query()
                .optionalValue()
                .isPresent();
    }

    private boolean supersededByIndexedVersion(IngestionQueue.Claimed document) {
        return jdbc.sql(
                        """
                        select exists (
                            select 1 from document newer, document me
                            where me.id = :id and newer.collection_id = me.collection_id
                              and newer.filename = me.filename and newer.version > me.version
                              and newer.source is not distinct from me.source
                              and newer.status = 'INDEXED')
                        """)
                .param("id", document.id())
                .query(Boolean.class)
                .single();
    }

    void writePassages(
            java.util.UUID documentId,
            long collectionId,
            IndexGeneration generation,
            List<Chunk> chunks,
            List<float[]> vectors,
            String textConfig) {
        // Held until the transaction ends: the passages take the document's access groups (a
        // trigger that locks the row for share), and the document row is updated after them, so
        // taking the stronger lock first keeps a concurrent change of its groups from deadlocking.
        jdbc.sql("select 1 from document where id = :id for no key update")
                .param("id", documentId)
                .query()
                .listOfRows();
        jdbc.sql("delete from passage where document_id = :id and generation_id = :generation")
                .param("id", documentId)
                .param("generation", generation.id())
                .update();
        jdbc.sql(INSERT)
                .param("document", documentId)
                .param("collection", collectionId)
                .param("generation", generation.id())
                .param("config", textConfig)
                .param("ordinals", chunks.stream().map(Chunk::ordinal).toArray(Integer[]::new))
                .param("starts", chunks.stream().map(Chunk::start).toArray(Integer[]::new))
                .param("ends", chunks.stream().map(Chunk::end).toArray(Integer[]::new))
                .param("sections", chunks.stream().map(Chunk::section).toArray(String[]::new))
                .param("texts", chunks.stream().map(Chunk::text).toArray(String[]::new))
                .param("headings", chunks.stream().map(Chunk::heading).toArray(String[]::new))
                .param("searchTexts", chunks.stream().map(Chunk::searchText).toArray(String[]::new))
                .param("tokens", chunks.stream().map(Chunk::tokens).toArray(Integer[]::new))
                .param(
                        "embeddings",
                        vectors.stream()
                                .map(v -> new PGvector(v).toString())
                                .toArray(String[]::new))
                .update();
    }

    /** Marks a document INDEXED with what its serving generation says about it. */
    void markIndexed(java.util.UUID documentId, DocumentPreparer.Prepared prepared) {
        ChunkedDocument chunked = prepared.chunked();
        jdbc.sql(
                        """
                        insert into document_text (document_id, text) values (:id, :text)
                        on conflict (document_id) do update set text = excluded.text
                        """)
                .param("id", documentId)
                .param("text", chunked.text())
                .update();
        jdbc.sql(
                        """
                        update document
                        set status = 'INDEXED', title = :title, chunk_count = :chunks,
                            truncated = :truncated, indexed_at = now(), error = null,
                            locked_by = null, locked_until = null
                        where id = :id
                        """)
                .param("title", chunked.title())
                .param("chunks", chunked.chunks().size())
                .param("truncated", prepared.truncated())
                .param("id", documentId)
                .update();
        FileFacts.record(jdbc, documentId, prepared);
    }

    private void removeOlderVersions(IngestionQueue.Claimed document) {
        jdbc.sql(
                        """
                        delete from document old using document me
                        where me.id = :id and old.collection_id = me.collection_id
                          and old.filename = me.filename and old.version < me.version
                          and old.source is not distinct from me.source
                        """)
                .param("id", document.id())
                .update();
    }
}
