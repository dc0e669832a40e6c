package com.verity.ingestion;

import com.verity.embedding.Embedder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The index generation that searches read and ingestion writes: the module's public facade.
 *
 * <p>At start-up the schema's vector width is checked against the embedding model, and the first
 * start creates the first generation. A later start with another embedding model refuses to mix
 * vectors of two models in one generation and says what to do.
 */
@Service
public class IndexGenerations {

    private final JdbcClient jdbc;
    private final IndexGeneration active;

    IndexGenerations(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Embedder embedder,
            ChunkingProperties chunking) {
        this.jdbc = jdbc;
        checkSchemaWidth(embedder);
        this.active = transactions.execute(tx -> activate(embedder, chunking.fingerprint()));
    }

    public IndexGeneration active() {
        return active;
    }

    private void checkSchemaWidth(Embedder embedder) {
        Integer width =
                jdbc.sql(
                                """
                                select atttypmod from pg_attribute
                                where attrelid = 'passage'::regclass and attname = 'embedding'
                                """)
                        .query(Integer.class)
                        .single();
        if (width != embedder.dimension()) {
            throw new IllegalStateException(
                    ("The embedding model %s produces %d-dimensional vectors but the database stores"
                                    + " vector(%d). Choose a model of %d dimensions, or create a"
                                    + " new database with spring.flyway.placeholders"
                                    + ".embedding_dimension=%d.")
                            .formatted(
                                    embedder.modelId(),
                                    embedder.dimension(),
                                    width,
                                    width,
                                    embedder.dimension()));
        }
    }

    private IndexGeneration activate(Embedder embedder, String fingerprint) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('verity.index_generation'))")
                .query()
                .singleValue();
        var current =
                jdbc.sql(
                                """
                                select id, embedding_model, dimension, chunking_fingerprint
                                from index_generation where state = 'ACTIVE'
                                """)
                        .query(IndexGeneration.class)
                        .optional();
        if (current.isEmpty()) {
            int id =
                    jdbc.sql(
                                    """
                                    insert into index_generation
                                        (embedding_model, dimension, chunking_fingerprint, state, activated_at)
                                    values (:model, :dimension, :fingerprint, 'ACTIVE', now())
                                    on conflict do nothing
                                    returning id
                                    """)
                            .param("model", embedder.modelId())
                            .param("dimension", embedder.dimension())
                            .param("fingerprint", fingerprint)
                            .query(Integer.class)
                            .single();
            return new IndexGeneration(id, embedder.modelId(), embedder.dimension(), fingerprint);
        }
        IndexGeneration generation = current.get();
        if (!generation.embeddingModel().equals(embedder.modelId())) {
            throw new IllegalStateException(
                    ("The knowledge base was indexed with the embedding model %s, but %s is"
                                    + " configured. Set verity.embedding back to %s, or re-index"
                                    + " the knowledge base with the new model.")
                            .formatted(
                                    generation.embeddingModel(),
                                    embedder.modelId(),
                                    generation.embeddingModel()));
        }
        return generation;
    }
}
