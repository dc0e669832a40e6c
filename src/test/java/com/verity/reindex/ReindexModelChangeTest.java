package com.verity.reindex;

import static com.verity.reindex.ReindexInstances.BGE;
import static com.verity.reindex.ReindexInstances.MINILM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verity.ingestion.IndexGeneration;
import com.verity.ingestion.PassageIndex;
import com.verity.retrieval.RetrievedPassage;
import com.verity.retrieval.Retriever;
import com.verity.web.ProblemException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Switching the embedding model: the service keeps answering from the old model's generation while
 * the new one is built beside it, and switches only when the new one is complete and verified.
 */
class ReindexModelChangeTest {

    private static final String QUESTION = "who must approve parking permits";

    @Test
    void searchesUseTheOldGenerationUntilTheNewModelsGenerationIsSwitchedIn() {
        Map<String, Object> database = ReindexInstances.database();
        String collection = ReindexInstances.indexedWithBge(database, 30);

        try (ConfigurableApplicationContext instance =
                ReindexInstances.start(
                        database,
                        Map.of(
                                "verity.embedding.onnx-model", ReindexInstances.MINILM,
                                "verity.reindex.workers-per-job", "1",
                                "verity.reindex.core-share", "0.01"))) {
            PassageIndex index = instance.getBean(PassageIndex.class);
            Retriever retriever = instance.getBean(Retriever.class);
            com.verity.security.Caller admin = com.verity.support.TestUsers.adminCaller(instance);
            ReindexJobs jobs = ReindexInstances.jobsWithoutLeftovers(instance);
            JdbcClient jdbc = ReindexInstances.jdbc(instance);
            long collectionId = ReindexInstances.collectionId(instance, collection);

            IndexGeneration old = index.serving(collectionId);
            assertThat(old.embeddingModel()).isEqualTo(BGE);
            assertThat(index.outdatedCollections()).contains(collection);
            List<RetrievedPassage> before = retriever.retrieve(QUESTION, collection, 5, admin);
            assertThat(before).isNotEmpty();

            ReindexJob job =
                    jobs.start(
                            new ReindexRequest(collection, "switch to MiniLM", false),
                            ReindexTrigger.API);
            assertThat(job.state()).isEqualTo(ReindexState.RUNNING);
            assertThat(job.collections())
                    .singleElement()
                    .satisfies(step -> assertThat(step.rebuilt()).isTrue());
            int building = job.collections().get(0).toGeneration();
            assertThatThrownBy(
                            () ->
                                    jobs.start(
                                            new ReindexRequest(null, null, false),
                                            ReindexTrigger.API))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT))
                    .hasMessageContaining(job.id().toString());

            int searchesWhileHalfBuilt = 0;
            List<java.util.UUID> lateUpload = List.of();
            while (true) {
                List<RetrievedPassage> during = retriever.retrieve(QUESTION, collection, 5, admin);
                long built = passages(jdbc, collectionId, building);
                if (jobs.get(job.id()).state() != ReindexState.RUNNING) {
                    break; // the switch may have come during this search
                }
                assertThat(generationsOf(jdbc, during)).containsOnly(old.id());
                assertThat(documents(during)).isEqualTo(documents(before));
                if (built > 0) {
                    searchesWhileHalfBuilt++;
                }
                if (built > 0 && lateUpload.isEmpty()) {
                    // an upload while the job runs lands in the serving generation and is then
                    // built into the new one before the switch
                    lateUpload =
                            com.verity.ingestion.TestUploads.upload(
                                    instance,
                                    collection,
                                    Map.of(
                                            "late.txt",
                                            "Late arrivals: the night porter logs them."));
                }
            }
            assertThat(searchesWhileHalfBuilt)
                    .as("searches seen while the new generation was partly built")
                    .isPositive();

            ReindexJob finished = jobs.get(job.id());
            assertThat(finished.state()).isEqualTo(ReindexState.SUCCEEDED);
            assertThat(finished.documents().done()).isBetween(30L, 31L);
            assertThat(finished.documents().failed()).isZero();
            assertThat(finished.reusedVectors()).isZero();
            assertThat(finished.verification()).contains("sample questions");

            IndexGeneration now = index.serving(collectionId);
            assertThat(now.id()).isEqualTo(building);
            assertThat(now.embeddingModel()).isEqualTo(MINILM);
            assertThat(index.outdatedCollections()).doesNotContain(collection);
            List<RetrievedPassage> after = retriever.retrieve(QUESTION, collection, 5, admin);
            assertThat(after).isNotEmpty();
            assertThat(generationsOf(jdbc, after)).containsOnly(building);
            assertThat(after.get(0).text()).containsIgnoringCase("parking permits");

            ReindexInstances.awaitIndexed(instance, lateUpload);
            assertThat(retriever.retrieve("who logs late arrivals", collection, 3, admin))
                    .first()
                    .satisfies(p -> assertThat(p.filename()).isEqualTo("late.txt"));
            ReindexInstances.await(
                    Duration.ofSeconds(30), () -> passages(jdbc, collectionId, old.id()) == 0);
            assertThat(passagesMatchingChunkCounts(jdbc, collectionId, building)).isTrue();
        }
    }

    static long passages(JdbcClient jdbc, long collectionId, int generation) {
        return jdbc.sql(
                        "select count(*) from passage where collection_id = :c and generation_id = :g")
                .param("c", collectionId)
                .param("g", generation)
                .query(Long.class)
                .single();
    }

    /** Every document has exactly as many passages in the generation as its chunk count. */
    static boolean passagesMatchingChunkCounts(JdbcClient jdbc, long collectionId, int generation) {
        return jdbc.sql(
                        """
                        select bool_and(d.chunk_count = (select count(*) from passage p
                                                         where p.document_id = d.id
                                                           and p.generation_id = :g))
                        from document d where d.collection_id = :c
                        """)
                .param("c", collectionId)
                .param("g", generation)
                .query(Boolean.class)
                .single();
    }

    private static List<Integer> generationsOf(JdbcClient jdbc, List<RetrievedPassage> found) {
        return jdbc.sql("select generation_id from passage where id in (:ids)")
                .param("ids", found.stream().map(RetrievedPassage::chunkId).toList())
                .query(Integer.class)
                .list();
    }

    private static List<String> documents(List<RetrievedPassage> found) {
        return found.stream().map(RetrievedPassage::filename).toList();
    }
}
