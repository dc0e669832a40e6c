package com.verity.ingestion;

import com.verity.embedding.Embedder;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds documents into a given index generation for a re-index (behind {@link PassageIndex}). Uses
 * the same parse -> structure -> chunk steps as ingestion and writes the passages idempotently (a
 * document built twice ends with one set of passages).
 *
 * <p>When the generation serves the document's collection, the document is updated at once, as
 * ingestion would. Otherwise what the new generation says about it waits in document_build until
 * {@link #applyBuilds} runs in the switch's transaction.
 */
@Service
class IndexBuilder {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DocumentPreparer preparer;
    private final PassageStore store;
    private final IndexGenerations generations;
    private final GenerationCleanup cleanup;

    IndexBuilder(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            DocumentPreparer preparer,
            PassageStore store,
            IndexGenerations generations,
            GenerationCleanup cleanup) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.preparer = preparer;
        this.store = store;
        this.generations = generations;
        this.cleanup = cleanup;
    }

    private record Source(long collectionId, String filename, String contentType) {}

    /**
     * Builds a document into the generation with the given embedder (the generation's model on the
     * caller's threads). Empty when the document was deleted meanwhile, or is no longer the
     * caller's.
     *
     * @param reuseVectors keep the vector of a passage whose text the serving generation already
     *     embedded with the same model; false re-embeds everything
     * @param stillHeld asked in the writing transaction: false (the caller's lease was lost, say in
     *     a long pause, and another worker took the document over) writes nothing
     * @throws DocumentRejectedException when the document cannot be indexed at all
     */
    Optional<PassageIndex.Built> build(
            UUID documentId,
            IndexGeneration target,
            Embedder embedder,
            boolean reuseVectors,
            BooleanSupplier stillHeld) {
        if (!embedder.modelId().equals(target.embeddingModel())) {
            throw new IllegalArgumentException(
                    "generation %d is embedded with %s, not %s"
                            .formatted(target.id(), target.embeddingModel(), embedder.modelId()));
        }
        Optional<Source> source = source(documentId);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        long collectionId = source.get().collectionId();
        DocumentPreparer.Prepared prepared =
                preparer.prepare(documentId, source.get().contentType(), source.get().filename());
        List<Chunk> chunks = prepared.chunked().chunks();
        Map<String, float[]> reusable =
                reuseVectors ? reusableVectors(documentId, collectionId, target) : Map.of();
        List<float[]> vectors = new ArrayList<>(chunks.size());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            float[] known = reusable.get(chunks.get(i).searchText());
            vectors.add(known);
            if (known == null) {
                missing.add(i);
            }
        }
        List<float[]> embedded =
                embedder.embedPassages(
                        missing.stream().map(i -> chunks.get(i).searchText()).toList());
        for (int j = 0; j < missing.size(); j++) {
            vectors.set(missing.get(j), embedded.get(j));
        }
        Boolean written =
                transactions.execute(
                        tx -> {
                            generations.lockForWrite(collectionId);
                            if (source(documentId).isEmpty() || !stillHeld.getAsBoolean()) {
                                return false;
                            }
                            store.writePassages(
                                    documentId,
                                    collectionId,
                                    target,
                                    chunks,
                                    vectors,
                                    prepared.textConfig());
                            if (generations.servingFor(collectionId).id() == target.id()) {
                                store.markIndexed(documentId, prepared);
                            } else {
                                stage(documentId, target, prepared);
                            }
                            return true;
                        });
        return Boolean.TRUE.equals(written)
                ? Optional.of(new PassageIndex.Built(chunks.size(), chunks.size() - missing.size()))
                : Optional.empty();
    }

    /**
     * Applies what a generation says about a collection's documents (title, passage count,
     * extracted text): call in the switch's transaction, holding {@link
     * IndexGenerations#lockForSwitch}. Returns the documents updated.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int applyBuilds(long collectionId, int generationId) {
        jdbc.sql(
                        """
                        insert into document_text (document_id, text)
                        select b.document_id, b.text from document_build b
                        join document d on d.id = b.document_id
                        where d.collection_id = :c and b.generation_id = :g and b.text is not null
                        on conflict (document_id) do update set text = excluded.text
                        """)
                .param("c", collectionId)
                .param("g", generationId)
                .update();
        int updated =
                jdbc.sql(
                                """
                                update document d
                                set title = b.title, chunk_count = b.passages, truncated = b.truncated,
                                    status = 'INDEXED', error = null, indexed_at = b.built_at
                                from document_build b
                                where b.document_id = d.id and b.generation_id = :g
                                  and d.collection_id = :c and d.status in ('INDEXED', 'FAILED')
                                """)
                        .param("c", collectionId)
                        .param("g", generationId)
                        .update();
        cleanup.discardBuilds(collectionId, generationId);
        return updated;
    }

    /**
     * With the same embedding model, a passage whose text did not change keeps its vector: a
     * re-index after a chunking change embeds only the passages that differ.
     */
    private Map<String, float[]> reusableVectors(
            UUID documentId, long collectionId, IndexGeneration target) {
        IndexGeneration serving = generations.servingFor(collectionId);
        if (serving.id() == target.id()
                || !serving.embeddingModel().equals(target.embeddingModel())) {
            return Map.of();
        }
        Map<String, float[]> vectors = new HashMap<>();
        jdbc.sql(
                        """
                        select search_text, embedding::real[] from passage
                        where document_id = :id and generation_id = :g
                        """)
                .param("id", documentId)
                .param("g", serving.id())
                .query(
                        rs -> {
                            vectors.put(rs.getString(1), vector(rs.getArray(2)));
                        });
        return vectors;
    }

    private static float[] vector(java.sql.Array array) throws SQLException {
        Float[] boxed = (Float[]) array.getArray();
        float[] vector = new float[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            vector[i] = boxed[i];
        }
        return vector;
    }

    private void stage(
            UUID documentId, IndexGeneration target, DocumentPreparer.Prepared prepared) {
        String text = prepared.chunked().text();
        boolean sameText =
                jdbc.sql(
                                """
                                select exists (select 1 from document_text
                                               where document_id = :id and text = :text)
                                """)
                        .param("id", documentId)
                        .param("text", text)
                        .query(Boolean.class)
                        .single();
        jdbc.sql(
                        """
                        insert into document_build (document_id, generation_id, title, passages, truncated, text)
                        values (:id, :g, :title, :passages, :truncated, :text)
                        on conflict (document_id, generation_id) do update
                        set title = excluded.title, passages = excluded.passages,
                            truncated = excluded.truncated, text = excluded.text, built_at = now()
                        """)
                .param("id", documentId)
                .param("g", target.id())
                .param("title", prepared.chunked().title())
                .param("passages", prepared.chunked().chunks().size())
                .param("truncated", prepared.truncated())
                .param("text", sameText ? null : text)
                .update();
        FileFacts.record(jdbc, documentId, prepared);
    }

    private Optional<Source> source(UUID documentId) {
        return jdbc.sql(
                        """
                        select collection_id, filename, content_type from document
                        where id = :id and status in ('INDEXED', 'FAILED')
                        for share
                        """)
                .param("id", documentId)
                .query((rs, row) -> new Source(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }
}
