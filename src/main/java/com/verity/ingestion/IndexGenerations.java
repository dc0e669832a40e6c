package com.verity.ingestion;

import com.verity.embedding.EmbeddingModels;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which index generation serves each collection, and the generations a re-index builds beside them:
 * behind {@link PassageIndex}.
 *
 * <p>A collection is served by one generation at a time: its searches read that generation's
 * passages and embed questions with that generation's model, even after the configuration names
 * another model, until a re-index has built and verified a new generation and switched to it.
 * Writers of a collection's serving generation hold a shared lock on the collection; the switch
 * holds it exclusively, so no document lands in a generation the moment it stops serving.
 */
@Service
class IndexGenerations {

    private static final Logger log = LoggerFactory.getLogger(IndexGenerations.class);

    private static final String COLUMNS =
            "g.id, g.embedding_model, g.dimension, g.chunking_fingerprint";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EmbeddingModels models;
    private final ChunkingProperties chunking;

    IndexGenerations(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            EmbeddingModels models,
            ChunkingProperties chunking) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.models = models;
        this.chunking = chunking;
        checkSchemaWidth(models.configured().dimension(), models.configuredModelId());
        reportOutdated();
    }

    /** The embedding model and chunking the configuration names: what a re-index builds. */
    IndexRecipe configuredRecipe() {
        return new IndexRecipe(
                models.configuredModelId(),
                models.configured().dimension(),
                chunking.fingerprint());
    }

    /** The generation serving a collection; a collection's first use gets the configured one. */
    IndexGeneration servingFor(long collectionId) {
        return serving(collectionId)
                .orElseGet(() -> transactions.execute(tx -> assignConfigured(collectionId)));
    }

    private Optional<IndexGeneration> serving(long collectionId) {
        return jdbc.sql(
                        "select "
                                + COLUMNS
                                + " from collection c join index_generation g on g.id ="
                                + " c.generation_id where c.id = :collection")
                .param("collection", collectionId)
                .query((rs, row) -> IndexGeneration.read(rs, "id"))
                .optional();
    }

    private IndexGeneration assignConfigured(long collectionId) {
        lockGenerations();
        IndexRecipe recipe = configuredRecipe();
        int id =
                jdbc.sql(
                                """
                                select id from index_generation
                                where embedding_model = :model and chunking_fingerprint = :fingerprint
                                  and state = 'ACTIVE'
                                order by id desc limit 1
                                """)
                        .param("model", recipe.embeddingModel())
                        .param("fingerprint", recipe.chunkingFingerprint())
                        .query(Integer.class)
                        .optional()
                        .orElseGet(() -> insert(recipe, "ACTIVE"));
        jdbc.sql(
                        "update collection set generation_id = :id where id = :c and generation_id is null")
                .param("id", id)
                .param("c", collectionId)
                .update();
        return serving(collectionId)
                .orElseThrow(
                        () -> new IllegalStateException("collection " + collectionId + " is gone"));
    }

    /**
     * A generation for a re-index to build: the newest one still BUILDING with this recipe (so a
     * job that stopped short leaves work the next one reuses), or a new one when {@code fresh}.
     */
    IndexGeneration building(IndexRecipe recipe, boolean fresh) {
        return transactions.execute(
                tx -> {
                    lockGenerations();
                    Optional<Integer> existing =
                            fresh
                                    ? Optional.empty()
                                    : jdbc.sql(
                                                    """
                                                    select id from index_generation
                                                    where embedding_model = :model
                                                      and chunking_fingerprint = :fingerprint
                                                      and state = 'BUILDING'
                                                    order by id desc limit 1
                                                    """)
                                            .param("model", recipe.embeddingModel())
                                            .param("fingerprint", recipe.chunkingFingerprint())
                                            .query(Integer.class)
                                            .optional();
                    int id = existing.orElseGet(() -> insert(recipe, "BUILDING"));
                    return new IndexGeneration(
                            id,
                            recipe.embeddingModel(),
                            recipe.dimension(),
                            recipe.chunkingFingerprint());
                });
    }

    IndexGeneration get(int generationId) {
        return jdbc.sql("select " + COLUMNS + " from index_generation g where g.id = :id")
                .param("id", generationId)
                .query((rs, row) -> IndexGeneration.read(rs, "id"))
                .single();
    }

    /**
     * Makes a generation serve a collection, in the caller's transaction, which must hold {@link
     * #lockForSwitch}. The generation becomes ACTIVE; the one it replaces keeps its passages until
     * {@link #retire}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void switchTo(long collectionId, int generationId) {
        jdbc.sql("update collection set generation_id = :g where id = :c")
                .param("g", generationId)
                .param("c", collectionId)
                .update();
        jdbc.sql(
                        """
                        update index_generation set state = 'ACTIVE', activated_at = coalesce(activated_at, now())
                        where id = :g
                        """)
                .param("g", generationId)
                .update();
    }

    /** Held by whoever writes a collection's serving generation, until its transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockForWrite(long collectionId) {
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtext('verity.serving/' || :c))")
                .param("c", collectionId)
                .query()
                .singleValue();
    }

    /** Held by a switch: waits for writers of the collection's serving generation to finish. */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockForSwitch(long collectionId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('verity.serving/' || :c))")
                .param("c", collectionId)
                .query()
                .singleValue();
    }

    /** Collections served by another model or chunking than the configured ones. */
    List<String> outdatedCollections() {
        IndexRecipe recipe = configuredRecipe();
        return jdbc.sql(
                        """
                        select c.name from collection c join index_generation g on g.id = c.generation_id
                        where g.embedding_model <> :model or g.chunking_fingerprint <> :fingerprint
                        order by c.name
                        """)
                .param("model", recipe.embeddingModel())
                .param("fingerprint", recipe.chunkingFingerprint())
                .query(String.class)
                .list();
    }

    private void reportOutdated() {
        List<String> outdated = outdatedCollections();
        if (!outdated.isEmpty()) {
            log.warn(
                    "{} collection(s) are indexed with another embedding model or chunking than"
                            + " configured ({}); they keep answering from their current index until"
                            + " re-indexed: POST /api/reindex-jobs, or java -jar verity.jar reindex",
                    outdated.size(),
                    outdated.size() > 10 ? outdated.subList(0, 10) + "..." : outdated);
        }
    }

    private int insert(IndexRecipe recipe, String state) {
        return jdbc.sql(
                        """
                        insert into index_generation
                            (embedding_model, dimension, chunking_fingerprint, state, activated_at)
                        values (:model, :dimension, :fingerprint, :state,
                                case when :state = 'ACTIVE' then now() end)
                        returning id
                        """)
                .param("model", recipe.embeddingModel())
                .param("dimension", recipe.dimension())
                .param("fingerprint", recipe.chunkingFingerprint())
                .param("state", state)
                .query(Integer.class)
                .single();
    }

    private void lockGenerations() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('verity.index_generation'))")
                .query()
                .singleValue();
    }

    private void checkSchemaWidth(int dimension, String modelId) {
        Integer width =
                jdbc.sql(
                                """
                                select atttypmod from pg_attribute
                                where attrelid = 'passage'::regclass and attname = 'embedding'
                                """)
                        .query(Integer.class)
                        .single();
        if (width != dimension) {
            throw new IllegalStateException(
                    ("The embedding model %s produces %d-dimensional vectors but the database stores"
                                    + " vector(%d). Choose a model of %d dimensions, or create a"
                                    + " new database with spring.flyway.placeholders"
                                    + ".embedding_dimension=%d.")
                            .formatted(modelId, dimension, width, width, dimension));
        }
    }
}
