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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hybrid search finds what only one of its two sides can find: an exact code that the embedding
 * does not capture (full-text), and a paraphrase that shares no word with the passage (vectors).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HybridSearchTest {

    private static final String[] TOPICS = {
        "Parking permits for staff are issued by the facilities team each quarter.",
        "Laptops must be returned to IT on the last working day.",
        "Visitors sign in at reception and wear a visitor badge at all times.",
        "The cafeteria opens at eight and closes at three in the afternoon.",
        "Overtime must be approved in advance by the line manager.",
        "Annual leave requests are submitted in the HR portal two weeks ahead.",
        "Fire drills take place twice a year; follow the wardens to the assembly point.",
        "Company phones are replaced every three years or when broken.",
        "Printing in colour requires a cost centre code from finance.",
        "Meeting rooms are booked through the calendar and released after fifteen minutes.",
        "Remote work is allowed up to three days per week with manager agreement.",
        "Security incidents are reported to the service desk immediately.",
    };

    @Autowired VerityApi api;
    @Autowired HybridSearch search;
    @Autowired Embedder embedder;
    @Autowired CollectionCatalog collections;
    @Autowired PassageIndex index;

    private String collection;

    @BeforeAll
    void indexDistractorsAndTargets() {
        collection = api.newCollection("hybrid");
        List<Upload> files = new ArrayList<>();
        for (int i = 0; i < TOPICS.length; i++) {
            files.add(text("policy-" + i + ".txt", "Office policy " + i + "\n\n" + TOPICS[i]));
        }
        files.add(
                text(
                        "error-codes.txt",
                        "Printer troubleshooting\n\nIf the display shows QX-4471, the fuser unit is"
                                + " worn out and must be swapped by the vendor."));
        files.add(
                text(
                        "travel-expenses.txt",
                        "Travel expenses\n\nMeals during business travel are reimbursed up to 60"
                                + " euros per day against receipts."));
        api.accepted(collection, files.toArray(Upload[]::new))
                .forEach(
                        entry ->
                                assertThat(api.awaitSettled(entry.get("id")))
                                        .containsEntry("status", "INDEXED"));
    }

    @Test
    void anExactCodeIsFoundThroughFullTextEvenWhereVectorsAloneMissIt() {
        String query = "QX-4471";

        assertThat(top(query, 1.0, 1.0, 3)).contains("error-codes.txt");
        assertThat(top(query, 0.0, 1.0, 1)).containsExactly("error-codes.txt");
        assertThat(api.search(collection, query, 3))
                .extracting(p -> p.get("filename"))
                .contains("error-codes.txt");
    }

    @Test
    void aParaphraseWithNoSharedWordIsFoundThroughVectors() {
        String query = "can I get money back for lunch on a work trip";

        assertThat(top(query, 0.0, 1.0, 3))
                .as("full-text alone")
                .doesNotContain("travel-expenses.txt");
        assertThat(top(query, 1.0, 0.0, 3)).contains("travel-expenses.txt");
        assertThat(api.search(collection, query, 3))
                .extracting(p -> p.get("filename"))
                .contains("travel-expenses.txt");
    }

    @Test
    void searchIsLimitedToTheRequestedCollection() {
        String other = api.newCollection("hybrid-other");
        assertThat(api.search(other, "QX-4471", 5)).isEmpty();
    }

    private List<String> top(String query, double vectorWeight, double keywordWeight, int k) {
        return search
                .search(
                        new HybridSearch.Query(
                                collections.requireId(collection),
                                index.serving(collections.requireId(collection)).id(),
                                new String[] {"*"},
                                false,
                                query,
                                () -> embedder.embedQuery(query),
                                60,
                                60,
                                60,
                                vectorWeight,
                                keywordWeight,
                                0.3,
                                2000,
                                4000,
                                100))
                .stream()
                .filter(p -> p.score() > 0)
                .map(RetrievedPassage::filename)
                .limit(k)
                .toList();
    }

    private static Upload text(String name, String content) {
        return new Upload(name, content.getBytes(StandardCharsets.UTF_8), "text/plain");
    }
}
