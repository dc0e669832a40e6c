package com.verity.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.collection.CollectionCatalog;
import com.verity.embedding.Embedder;
import com.verity.ingestion.PassageIndex;
import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * When even the rarest word of a question is in more passages than the keyword side scores, the
 * passages holding every word of the question are among those scored, however early they were
 * indexed.
 */
@IntegrationTest
class KeywordMatchLimitTest {

    private static final int COMMON = 60;

    @Autowired VerityApi api;
    @Autowired HybridSearch search;
    @Autowired Embedder embedder;
    @Autowired CollectionCatalog collections;
    @Autowired PassageIndex index;

    @Test
    void passagesHoldingEveryWordOfTheQuestionAreScoredFirst() {
        String collection = api.newCollection("match-limit");
        // indexed first: the oldest passages, the first a plain recency cut would drop
        settle(
                collection,
                List.of(
                        text("both-1.txt", "Harbour crane inspection is due in spring."),
                        text("both-2.txt", "Every harbour crane gets a yearly inspection.")));
        List<Upload> common = new ArrayList<>();
        for (int i = 0; i < COMMON; i++) {
            common.add(text("harbour-" + i + ".txt", "Harbour office note " + i + "."));
            common.add(text("crane-" + i + ".txt", "Crane depot note " + i + "."));
        }
        settle(collection, common);
        long id = collections.requireId(collection);
        int generation = index.serving(id).id();

        List<String> top =
                KeywordSide.top10(search, embedder, id, generation, "harbour crane", 10, 20)
                        .stream()
                        .map(RetrievedPassage::filename)
                        .toList();

        assertThat(top).hasSize(10);
        assertThat(top.subList(0, 2)).containsExactlyInAnyOrder("both-1.txt", "both-2.txt");
    }

    private void settle(String collection, List<Upload> files) {
        api.accepted(collection, files.toArray(Upload[]::new))
                .forEach(
                        entry ->
                                assertThat(api.awaitSettled(entry.get("id")))
                                        .containsEntry("status", "INDEXED"));
    }

    private static Upload text(String filename, String text) {
        return Upload.of(filename, text.getBytes(StandardCharsets.UTF_8));
    }
}
