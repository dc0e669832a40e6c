package com.verity.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.collection.CollectionCatalog;
import com.verity.embedding.Embedder;
import com.verity.ingestion.PassageIndex;
import com.verity.ingestion.PassageStatistics;
import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The full-text ranking rests on statistics the index keeps per collection, exact at every commit:
 * the same right after ingestion as after ANALYZE, unchanged by another collection in the same
 * table, and true after uploads, deletes, re-grouping and new versions.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeywordStatisticsTest {

    /** Small enough that the keyword side must choose which terms to match on. */
    private static final int MATCH_BUDGET = 8;

    private static final List<String> VOCABULARY = vocabulary(300);

    @Autowired VerityApi api;
    @Autowired HybridSearch search;
    @Autowired Embedder embedder;
    @Autowired CollectionCatalog collections;
    @Autowired PassageIndex index;
    @Autowired PassageStatistics statistics;
    @Autowired JdbcClient jdbc;

    private String collection;
    private List<String> questions;

    @BeforeAll
    void indexNotices() {
        collection = api.newCollection("stable");
        Random random = new Random(11);
        List<Upload> files = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String text = notice(random);
            texts.add(text);
            files.add(text("notice-" + i + ".txt", "Notice " + i + "\n\n" + text));
        }
        api.accepted(collection, files.toArray(Upload[]::new))
                .forEach(
                        entry ->
                                assertThat(api.awaitSettled(entry.get("id")))
                                        .containsEntry("status", "INDEXED"));
        questions =
                IntStream.range(0, 12)
                        .mapToObj(i -> question(texts.get(random.nextInt(texts.size())), random))
                        .toList();
    }

    @Test
    void rankingRightAfterIngestionIsTheRankingAfterAnalyzeAndBesideAnotherCollection() {
        List<List<String>> afterIngestion = rankings();
        assertThat(afterIngestion).allSatisfy(ranking -> assertThat(ranking).isNotEmpty());

        jdbc.sql("analyze passage").update();
        assertThat(rankings()).as("after ANALYZE").isEqualTo(afterIngestion);

        // Another collection in which this collection's rare words are the commonest: the
        // table-wide statistics now tell a different story about every query term.
        long other = collections.requireId(api.newCollection("stable-neighbour"));
        try {
            fillWithRareWords(other, 3000);
            jdbc.sql("analyze passage").update();
            // The keyword side only: the HNSW graph is shared by every collection in the table and
            // approximate, so new vectors elsewhere may move a vector rank (not a statistics
            // matter).
            assertThat(keywordRankings(rankings()))
                    .as("beside a large other collection")
                    .isEqualTo(keywordRankings(afterIngestion));

            statistics.fold();
            assertThat(keywordRankings(rankings()))
                    .as("after folding")
                    .isEqualTo(keywordRankings(afterIngestion));
        } finally {
            jdbc.sql("delete from collection where id = :id").param("id", other).update();
        }
    }

    @Test
    void statisticsStayExactThroughUploadsDeletesRegroupingAndNewVersions() {
        String counted = api.newCollection("counted");
        Random random = new Random(5);
        List<Map<String, Object>> uploaded =
                api.accepted(
                        counted,
                        text("a.txt", notice(random)),
                        text("b.txt", notice(random)),
                        text("c.txt", notice(random)));
        uploaded.forEach(entry -> api.awaitSettled(entry.get("id")));
        Object restricted =
                ((List<?>)
                                api.upload(
                                                counted,
                                                Map.of("accessGroups", "hr"),
                                                text("d.txt", notice(random)))
                                        .body())
                        .stream()
                                .map(entry -> ((Map<?, ?>) entry).get("id"))
                                .findFirst()
                                .orElseThrow();
        api.awaitSettled(restricted);
        assertThat(mismatches()).as("after uploads").isZero();

        assertThat(api.delete("/api/documents/" + uploaded.get(0).get("id")).value())
                .isEqualTo(204);
        assertThat(
                        api.patch(
                                        "/api/documents/" + uploaded.get(1).get("id"),
                                        Map.of("accessGroups", List.of("finance")))
                                .status()
                                .value())
                .isEqualTo(200);
        api.patch("/api/documents/" + restricted, Map.of("accessGroups", List.of()));
        Object replaced = api.accepted(counted, text("c.txt", notice(random))).get(0).get("id");
        api.awaitSettled(replaced);
        assertThat(mismatches()).as("after delete, re-grouping and a new version").isZero();

        statistics.fold();
        assertThat(mismatches()).as("after folding").isZero();
        assertThat(
                        jdbc.sql(
                                        """
                                        select count(*) from passage_term
                                        where folded and passages = 0
                                        """)
                                .query(Long.class)
                                .single())
                .as("keys whose passages are gone are dropped")
                .isZero();
    }

    /**
     * Keys on which the kept statistics and a count of the passages themselves disagree, in one
     * snapshot, over every collection and generation of the table.
     */
    private long mismatches() {
        return jdbc.sql(
                        """
                        with actual as (
                            select collection_id, generation_id, text_config::text as config,
                                   access_groups, l.lexeme, count(*) as n
                            from passage cross join lateral unnest(tsvector_to_array(tsv)) l(lexeme)
                            group by 1, 2, 3, 4, 5
                        ),
                        kept as (
                            select collection_id, generation_id, text_config::text as config,
                                   access_groups, lexeme, sum(passages) as n
                            from passage_term group by 1, 2, 3, 4, 5 having sum(passages) <> 0
                        ),
                        actual_volume as (
                            select collection_id, generation_id, text_config::text as config,
                                   access_groups, count(*) as n, sum(length(tsv)) as lexemes
                            from passage group by 1, 2, 3, 4
                        ),
                        kept_volume as (
                            select collection_id, generation_id, text_config::text as config,
                                   access_groups, sum(passages) as n, sum(lexemes) as lexemes
                            from passage_volume group by 1, 2, 3, 4 having sum(passages) <> 0
                        )
                        select (select count(*) from ((table actual except table kept)
                                                      union all
                                                      (table kept except table actual)) d)
                             + (select count(*) from ((table actual_volume except table kept_volume)
                                                      union all
                                                      (table kept_volume except table actual_volume)) v)
                        """)
                .query(Long.class)
                .single();
    }

    /** For each question, the keyword side's top 10 and the whole search's, with their scores. */
    private List<List<String>> rankings() {
        long collectionId = collections.requireId(collection);
        int generation = index.serving(collectionId).id();
        List<List<String>> rankings = new ArrayList<>();
        for (String question : questions) {
            rankings.add(
                    KeywordSide.top10(
                                    search,
                                    embedder,
                                    collectionId,
                                    generation,
                                    question,
                                    MATCH_BUDGET,
                                    2 * MATCH_BUDGET)
                            .stream()
                            .map(p -> p.chunkId() + "@" + p.score())
                            .toList());
            rankings.add(
                    api.search(collection, question, 10).stream()
                            .map(p -> p.get("chunkId") + "@" + p.get("score"))
                            .toList());
        }
        return rankings;
    }

    /** The keyword side's rankings out of {@link #rankings()}: every other entry. */
    private static List<List<String>> keywordRankings(List<List<String>> rankings) {
        return IntStream.range(0, rankings.size())
                .filter(i -> i % 2 == 0)
                .mapToObj(rankings::get)
                .toList();
    }

    private void fillWithRareWords(long collectionId, int passages) {
        UUID document = UUID.randomUUID();
        jdbc.sql(
                        """
                        insert into document (id, collection_id, filename, title, content_type,
                                              size_bytes, sha256, status, chunk_count, indexed_at)
                        values (:id, :collection, 'rare.txt', 'Rare words', 'text/plain', 1, 'x',
                                'INDEXED', :passages, now())
                        """)
                .param("id", document)
                .param("collection", collectionId)
                .param("passages", passages)
                .update();
        String rareWords = String.join(" ", VOCABULARY.subList(150, VOCABULARY.size()));
        jdbc.sql(
                        """
                        insert into passage (document_id, collection_id, generation_id, ordinal,
                                             start_offset, end_offset, text, heading, search_text,
                                             token_count, embedding)
                        select :document, :collection, :generation, n, 0, 1, :text, 'Rare words',
                               :text, 1, cast(array_fill(0.05, array[384]) as vector)
                        from generate_series(0, :passages - 1) n
                        """)
                .param("document", document)
                .param("collection", collectionId)
                .param("generation", index.serving(collectionId).id())
                .param("text", rareWords)
                .param("passages", passages)
                .update();
    }

    /** Words ranked by how often notices use them: the first few are in most notices. */
    private static List<String> vocabulary(int size) {
        String[] syllables = {"ba", "ko", "ri", "tel", "mon", "sa", "vu", "den", "lo", "pra"};
        Random random = new Random(3);
        List<String> words = new ArrayList<>();
        while (words.size() < size) {
            String word =
                    syllables[random.nextInt(syllables.length)]
                            + syllables[random.nextInt(syllables.length)]
                            + syllables[random.nextInt(syllables.length)]
                            + "x";
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    private static String notice(Random random) {
        StringBuilder text = new StringBuilder();
        for (int paragraph = 0; paragraph < 3; paragraph++) {
            for (int word = 0; word < 40; word++) {
                text.append(word == 0 ? "" : " ").append(skewedWord(random));
            }
            text.append(".\n\n");
        }
        return text.toString();
    }

    private static String skewedWord(Random random) {
        double u = random.nextDouble();
        return VOCABULARY.get((int) (VOCABULARY.size() * u * u * u));
    }

    private static String question(String text, Random random) {
        String[] words = text.replaceAll("[.\\n]+", " ").trim().split(" ");
        return String.join(
                " ",
                IntStream.range(0, 5).mapToObj(i -> words[random.nextInt(words.length)]).toList());
    }

    private static Upload text(String name, String content) {
        return new Upload(name, content.getBytes(StandardCharsets.UTF_8), "text/plain");
    }
}
