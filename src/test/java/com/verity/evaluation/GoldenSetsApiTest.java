package com.verity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Reply;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Editors upload golden sets as JSON lines or CSV, read them back and delete them; bad lines are
 * refused with their numbers and what is wrong; a caller who may not edit the collection never sees
 * its golden sets.
 */
@IntegrationTest
class GoldenSetsApiTest {

    private static final String ONE_QUESTION = "{\"question\": \"q\"}";

    @Autowired VerityApi api;

    @Test
    void anEditorUploadsJsonLinesAndReadsTheQuestionsBack() {
        String collection = api.newCollection("golden");
        String jsonl =
                """
                {"question": "How long do refunds take?", "expectedDocuments": ["refunds.md"], \
                "expectedPassage": "within 14 days", "referenceAnswer": "Within 14 days."}

                {"question": "Who approves travel?", "expectedDocuments": ["travel.md", "approvals.md"]}
                {"question": "What is the CEO's shoe size?", "answerable": false}
                """;

        Reply<Object> created =
                upload(collection, "first", "set.jsonl", "application/octet-stream", jsonl);

        assertThat(created.status().value()).as("%s", created.body()).isEqualTo(201);
        Map<String, Object> set = body(created);
        assertThat(set)
                .containsEntry("name", "first")
                .containsEntry("collection", collection)
                .containsEntry("items", 3)
                .containsKeys("id", "createdAt");
        assertThat(created.headers().getLocation())
                .hasToString("/api/golden-sets/" + set.get("id"));
        assertThat(api.getList("/api/collections/" + collection + "/golden-sets").body())
                .extracting(s -> s.get("id"))
                .containsExactly(set.get("id"));
        assertThat(api.get("/api/golden-sets/" + set.get("id")).body()).containsEntry("items", 3);
        List<Map<String, Object>> items = items(set.get("id"));
        assertThat(items).hasSize(3);
        assertThat(items.get(0))
                .containsEntry("question", "How long do refunds take?")
                .containsEntry("expectedDocuments", List.of("refunds.md"))
                .containsEntry("expectedPassage", "within 14 days")
                .containsEntry("referenceAnswer", "Within 14 days.")
                .containsEntry("answerable", true);
        assertThat(items.get(1).get("expectedDocuments"))
                .isEqualTo(List.of("travel.md", "approvals.md"));
        assertThat(items.get(2))
                .containsEntry("answerable", false)
                .doesNotContainKey("referenceAnswer");

        assertThat(api.delete("/api/golden-sets/" + set.get("id")).value()).isEqualTo(204);
        assertThat(api.get("/api/golden-sets/" + set.get("id")).status().value()).isEqualTo(404);
    }

    @Test
    void csvWithAHeaderRowIsReadTheSameWay() {
        String collection = api.newCollection("golden");
        String csv =
                """
                question,expectedDocuments,expectedPassage,answerable
                "How long do refunds take, in days?",refunds.md;policy.md,within 14 days,
                Who approves travel?,travel.md,,yes
                What is the CEO's shoe size?,,,false
                """;

        Reply<Object> created = upload(collection, "from-csv", "set.csv", "text/csv", csv);

        assertThat(created.status().value()).as("%s", created.body()).isEqualTo(201);
        List<Map<String, Object>> items = items(body(created).get("id"));
        assertThat(items)
                .extracting(i -> i.get("question"))
                .containsExactly(
                        "How long do refunds take, in days?",
                        "Who approves travel?",
                        "What is the CEO's shoe size?");
        assertThat(items.get(0).get("expectedDocuments"))
                .isEqualTo(List.of("refunds.md", "policy.md"));
        assertThat(items).extracting(i -> i.get("answerable")).containsExactly(true, true, false);
    }

    @Test
    void badLinesAreRefusedWithTheirNumbersAndNothingIsStored() {
        String collection = api.newCollection("golden");
        String jsonl =
                """
                {"question": "Fine?"}
                {"question": ""}
                not json at all
                {"question": "Typo?", "expectedDocument": ["a.md"]}
                {"question": "Flag?", "answerable": "maybe"}
                """;

        Reply<Object> refused = upload(collection, "bad", "set.jsonl", "application/jsonl", jsonl);

        assertThat(refused.status().value()).isEqualTo(400);
        Map<String, Object> problem = body(refused);
        assertThat(problem).containsEntry("type", "/problems/invalid-golden-set");
        assertThat((String) problem.get("detail"))
                .contains("line 2: 'question' is missing or empty")
                .contains("line 3: not valid JSON")
                .contains("line 4: unknown field 'expectedDocument'")
                .contains("line 5: 'answerable' must be true or false")
                .doesNotContain("line 1");
        assertThat((List<?>) problem.get("errors")).hasSize(4);
        assertThat(api.getList("/api/collections/" + collection + "/golden-sets").body()).isEmpty();
    }

    @Test
    void aFileOfNeitherFormatATakenNameAndAnEmptyFileAreRefusedSayingWhatToDo() {
        String collection = api.newCollection("golden");
        Reply<Object> text = upload(collection, "x", "set.txt", "text/plain", ONE_QUESTION);
        assertThat(text.status().value()).isEqualTo(400);
        assertThat((String) body(text).get("detail")).contains(".jsonl", ".csv");
        assertThat(
                        upload(collection, "x", "set.jsonl", "application/jsonl", "\n\n")
                                .status()
                                .value())
                .isEqualTo(400);
        assertThat(
                        upload(collection, "same", "a.jsonl", "application/jsonl", ONE_QUESTION)
                                .status())
                .hasToString("201 CREATED");

        Reply<Object> again =
                upload(collection, "same", "b.jsonl", "application/jsonl", ONE_QUESTION);

        assertThat(again.status().value()).isEqualTo(409);
        assertThat(body(again)).containsEntry("type", "/problems/golden-set-exists");
    }

    @Test
    void onlyEditorsOfTheCollectionSeeItsGoldenSets() {
        String collection = api.newCollection("golden");
        Object id =
                body(upload(collection, "private", "set.jsonl", "application/jsonl", ONE_QUESTION))
                        .get("id");
        VerityApi agent =
                TestAccounts.create(api, "golden-agent", List.of("AGENT"), List.of()).api();
        VerityApi otherEditor =
                TestAccounts.create(api, "golden-editor", List.of("EDITOR"), List.of()).api();

        assertThat(agent.get("/api/golden-sets/" + id).status().value()).isEqualTo(403);
        // an editor of other collections: as if the golden set did not exist
        assertThat(otherEditor.get("/api/golden-sets/" + id).status().value()).isEqualTo(404);
        assertThat(otherEditor.get("/api/golden-sets/" + id + "/items").status().value())
                .isEqualTo(404);
        assertThat(otherEditor.delete("/api/golden-sets/" + id).value()).isEqualTo(404);
        assertThat(api.get("/api/golden-sets/" + id).status().value()).isEqualTo(200);
    }

    private Reply<Object> upload(
            String collection, String name, String filename, String type, String content) {
        return api.multipart(
                "/api/collections/" + collection + "/golden-sets",
                Map.of("name", name),
                "file",
                new Upload(filename, content.getBytes(StandardCharsets.UTF_8), type));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Reply<Object> reply) {
        return (Map<String, Object>) reply.body();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(Object id) {
        return (List<Map<String, Object>>)
                api.get("/api/golden-sets/" + id + "/items").body().get("items");
    }
}
