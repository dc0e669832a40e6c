package com.verity.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.verity.support.Chromium;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The agents' page in Debian's Chromium, driven by Playwright, against the running service. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentPageBrowserTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final Path SCREENSHOTS = Chromium.SCREENSHOTS;

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi api;

    Chromium chromium;
    String collection;

    @BeforeAll
    void browserAndDocuments() {
        chromium = Chromium.launch().signIn(api.port());
        collection = api.newCollection("agent-page");
        for (Map<String, Object> entry :
                api.accepted(
                        collection,
                        Upload.of(
                                "refunds.txt",
                                ("Refund policy\n\nCustomers can return any item within 30 days of"
                                                + " delivery. Refunds are paid to the original card"
                                                + " within 14 days of receiving the returned item.")
                                        .getBytes(StandardCharsets.UTF_8)))) {
            api.awaitSettled(entry.get("id"));
        }
    }

    @AfterAll
    void close() {
        chromium.close();
        ollama.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentAsksSeesTheStreamedAnswerOpensTheCitedPassageAndRatesIt() {
        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1280, 800, violations);
        page.navigate("http://localhost:" + api.port() + "/");

        page.selectOption("select[name=collection]", collection);
        page.fill("#question", "How long does it take to get a refund?");
        page.press("#question", "Enter");

        assertThat(page.locator(".turn .final .answer")).containsText("Customers can return");
        assertThat(page.locator(".turn .final .mode")).hasText("Answer");
        page.locator(".turn .final .chip").first().click();
        assertThat(page.locator("#source mark#cited")).isVisible();
        assertThat(page.locator("#source mark#cited")).containsText("Customers can return");
        assertThat(page.locator("#source a"))
                .hasAttribute("href", java.util.regex.Pattern.compile("/api/documents/.+/content"));
        page.screenshot(
                new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("agent-answer.png")));

        page.fill(".turn .final .rate input[name=comment]", "Quoted the wrong section");
        page.click(".turn .final .rate button.down");
        assertThat(page.locator(".turn .final .rated")).containsText("not helpful");
        Map<String, Object> recorded =
                api.get("/api/conversations/" + page.inputValue("#conversationId")).body();
        assertThat(((List<Map<String, Object>>) recorded.get("turns")).get(0))
                .containsEntry("rating", -1)
                .containsEntry("ratingComment", "Quoted the wrong section");

        assertThat(violations).isEmpty();
    }

    @Test
    void anAdminUploadsWatchesDocumentsGetIndexedInspectsOneAndDeletesIt() throws Exception {
        String shelf = api.newCollection("admin-page");
        Path folder = java.nio.file.Files.createTempDirectory("uploads");
        Path travel =
                java.nio.file.Files.writeString(
                        folder.resolve("travel.md"),
                        "# Travel policy\n\n## Meals\n\nMeals are reimbursed up to 60 euros a day.\n");
        Path parking =
                java.nio.file.Files.writeString(
                        folder.resolve("parking.txt"),
                        "Parking\n\nStaff park on level 2 of the garage.");
        Page page = chromium.page(1280, 900);
        page.navigate("http://localhost:" + api.port() + "/admin/documents?collection=" + shelf);

        page.setInputFiles("#files", new Path[] {travel, parking});

        assertThat(page.locator("#uploads li .ok")).hasCount(2);
        assertThat(page.locator("#documents-table tr[data-status=INDEXED]"))
                .hasCount(
                        2,
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                                .setTimeout(30_000));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("documents.png")));

        page.click("#documents-table a:has-text(\"travel.md\")");
        assertThat(page.locator(".passages-admin li")).not().hasCount(0);
        assertThat(page.locator(".extracted")).containsText("Meals are reimbursed up to 60 euros");

        page.navigate("http://localhost:" + api.port() + "/admin/documents?collection=" + shelf);
        page.onDialog(dialog -> dialog.accept());
        page.locator("#documents-table tr", new Page.LocatorOptions().setHasText("parking.txt"))
                .locator("button.danger")
                .click();
        assertThat(
                        page.locator(
                                "#documents-table tr",
                                new Page.LocatorOptions().setHasText("parking.txt")))
                .hasCount(0);
        assertThat(api.search(shelf, "where do staff park?", 5))
                .extracting(passage -> passage.get("filename"))
                .doesNotContain("parking.txt");
    }

    @Test
    void aQuestionTheDocumentsDoNotAnswerIsShownAsSuchAndListedUnderInsight() {
        String shelf = api.newCollection("insight-page");
        for (Map<String, Object> entry :
                api.accepted(
                        shelf,
                        Upload.of(
                                "parking.txt",
                                "Parking\n\nStaff park on level 2 of the garage."
                                        .getBytes(StandardCharsets.UTF_8)))) {
            api.awaitSettled(entry.get("id"));
        }
        api.client()
                .patch()
                .uri("/api/collections/" + shelf)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("relevanceThreshold", 0.95))
                .retrieve()
                .toBodilessEntity();
        Page page = chromium.page(1280, 900);
        page.navigate("http://localhost:" + api.port() + "/");
        page.selectOption("select[name=collection]", shelf);
        page.fill("#question", "Who won the football world cup in 1998?");
        page.press("#question", "Enter");

        assertThat(page.locator(".turn .final .mode")).hasText("Not in the knowledge base");
        assertThat(page.locator(".turn .passages-list")).isVisible();

        page.navigate("http://localhost:" + api.port() + "/admin/insight?collection=" + shelf);
        assertThat(page.locator(".review .question").first())
                .hasText("Who won the football world cup in 1998?");
        assertThat(page.locator("#modes canvas")).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("insight.png")));
    }

    @Test
    void withoutTheModelThePageSaysSoAndShowsThePassagesAndItFitsAPhone() {
        Page phone = chromium.page(390, 844);
        ollama.down();
        try {
            phone.navigate("http://localhost:" + api.port() + "/?collection=" + collection);
            phone.fill("#question", "How long does it take to get a refund?");
            phone.press("#question", "Enter");

            assertThat(phone.locator(".turn .final .mode"))
                    .hasText("Model unavailable: passages only");
            assertThat(phone.locator(".turn .final .notice")).containsText("not reachable");
            assertThat(phone.locator(".turn .passages-list")).isVisible();
            assertThat(Chromium.overflowsSideways(phone)).isFalse();
            phone.screenshot(
                    new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("agent-phone.png")));
        } finally {
            ollama.up();
        }
    }

    @Test
    void aFollowUpStaysInTheConversation() {
        Page page = chromium.page(1280, 720);
        page.navigate("http://localhost:" + api.port() + "/");
        page.selectOption("select[name=collection]", collection);
        page.fill("#question", "How long does it take to get a refund?");
        page.press("#question", "Enter");
        assertThat(page.locator(".turn .final .answer")).hasCount(1);
        String conversation = page.inputValue("#conversationId");
        assertThat(conversation).isNotBlank();

        page.fill("#question", "and for damaged items?");
        page.press("#question", "Enter");

        assertThat(page.locator(".turn .final .mode")).hasCount(2);
        assertThat(page.inputValue("#conversationId")).isEqualTo(conversation);

        // reopened later from the list of earlier conversations, with both turns
        page.navigate("http://localhost:" + api.port() + "/?collection=" + collection);
        page.click(".recent summary");
        page.click(".recent a[href$='" + conversation + "']");
        assertThat(page.locator(".turn .question"))
                .hasText(
                        new String[] {
                            "How long does it take to get a refund?", "and for damaged items?"
                        });
        assertThat(page.locator(".turn .final .chip").first()).isVisible();
        assertThat(page.inputValue("#conversationId")).isEqualTo(conversation);
    }
}
