package com.verity.ingestion;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Removes what a generation left behind once it serves a collection no more (replaced by a switch,
 * or a cancelled build), and keeps the passage table's statistics true after such bulk changes
 * (behind {@link PassageIndex}).
 */
@Service
class GenerationCleanup {

    private final JdbcClient jdbc;
    private final IndexGenerations generations;

    GenerationCleanup(JdbcClient jdbc, IndexGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /**
     * Deletes a collection's passages of a generation that no longer serves it, a batch per
     * transaction, and marks the generation RETIRED once nothing uses it. Returns passages deleted;
     * the caller refreshes the statistics ({@link #refreshStatistics}) once it is done retiring.
     */
    long retire(long collectionId, int generationId, int batch) {
        if (generations.servingFor(collectionId).id() == generationId) {
            return 0;
        }
        long deleted = 0;
        int removed;
        do {
            removed =
                    jdbc.sql(
                                    """
                                    delete from passage where id in (
                                        select id from passage
                                        where collection_id = :c and generation_id = :g limit :batch)
                                    """)
                            .param("c", collectionId)
                            .param("g", generationId)
                            .param("batch", batch)
                            .update();
            deleted += removed;
        } while (removed > 0);
        discardBuilds(collectionId, generationId);
        jdbc.sql(
                        """
                        update index_generation g set state = 'RETIRED'
                        where g.id = :g and g.state <> 'RETIRED'
                          and not exists (select 1 from collection c where c.generation_id = g.id)
                          and not exists (select 1 from passage p where p.generation_id = g.id)
                        """)
                .param("g", generationId)
                .update();
        return deleted;
    }

    /**
     * Brings the planner's statistics of the passage table up to date after many rows came or went
     * (a switch, a retired generation), for its plans only: rankings use the statistics the index
     * keeps itself. With {@code vacuum}, also removes the deleted rows from the indexes, whose dead
     * entries would otherwise take places in the HNSW scan's candidate list. Runs outside any
     * transaction (VACUUM cannot run inside one) and does not block searches or writes.
     */
    void refreshStatistics(boolean vacuum) {
        jdbc.sql(vacuum ? "vacuum (analyze) passage" : "analyze passage").update();
    }

    /**
     * Forgets which of a collection's documents are built into a generation that does not serve it
     * (applied at a switch, or discarded with a cancelled build).
     */
    void discardBuilds(long collectionId, int generationId) {
        jdbc.sql(
                        """
                        delete from document_build b using document d
                        where b.document_id = d.id and d.collection_id = :c and b.generation_id = :g
                        """)
                .param("c", collectionId)
                .param("g", generationId)
                .update();
    }

    /**
     * Gives up a cancelled build for a collection: no later job may count its documents as built,
     * and none may reuse the generation once no collection is served by it. Its passages go with
     * {@link #retire}.
     */
    void abandon(long collectionId, int generationId) {
        discardBuilds(collectionId, generationId);
        jdbc.sql(
                        """
                        update index_generation g set state = 'RETIRED'
                        where g.id = :g and g.state = 'BUILDING'
                          and not exists (select 1 from collection c where c.generation_id = g.id)
                        """)
                .param("g", generationId)
                .update();
    }
}
