package com.verity.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.verity.support.Chromium;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The models page and the review page in Chromium: an admin pulls a model and watches its progress
 * bar until the model is there; an editor publishes a verified answer for a rated-down answer from
 * the review queue, and the same question on the Ask page then gets it, labelled as verified.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernancePagesBrowserTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.jobs.polling-interval", () -> "300ms");
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;
    Chromium chromium;
    String collection;

    @BeforeAll
    void setUp() {
        ollama.pulled("mistral", "llama3.1:8b");
        collection = api.newCollection("governance");
        api.indexed(
                collection,
                Map.of(
                        "leave.txt",
                        "Up to five days of annual leave carry over to the next year. More needs the"
                                + " manager's approval."));
        chromium = Chromium.launch().signIn(api.port());
    }

    @AfterAll
    void close() {
        jdbc.sql("delete from model where name = 'phi3:mini'").update();
        chromium.close();
        ollama.close();
    }

    @Test
    void anAdminPullsAModelAndWatchesItsProgress() {
        ollama.pullStepDelay(Duration.ofMillis(300));
        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1280, 900, violations);
        page.navigate("http://localhost:" + api.port() + "/admin/models");
        assertThat(page.locator("table.models")).containsText("mistral");
        assertThat(page.locator("table.models")).containsText("Q4_K_M");

        page.fill("#pull-name", "phi3:mini");
        page.click("#pull-model button[type=submit]");

        Locator job = page.locator("#pull-job .model-job");
        assertThat(job.locator("progress")).isVisible();
        assertThat(job).containsText("pulling");
        page.screenshot(
                new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("models.png")));
        assertThat(job)
                .hasAttribute(
                        "data-state",
                        "SUCCEEDED",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        page.navigate("http://localhost:" + api.port() + "/admin/models");
        assertThat(page.locator("tr[data-model='phi3:mini']")).containsText("allowed");
        assertThat(violations).isEmpty();
        ollama.pullStepDelay(Duration.ZERO);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEditorPublishesAVerifiedAnswerThatTheAskPageThenServes() {
        String question = "Can I carry leave over?";
        Map<String, Object> asked =
                api.post("/api/ask", Map.of("question", question, "collection", collection)).body();
        api.put(
                "/api/conversations/"
                        + asked.get("conversationId")
                        + "/turns/"
                        + asked.get("turn")
                        + "/rating",
                Map.of("helpful", false, "comment", "misses the approval rule"));

        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1280, 1000, violations);
        page.navigate("http://localhost:" + api.port() + "/admin/review?collection=" + collection);
        Locator item =
                page.locator(
                        "li.review-item[data-reason=RATED_DOWN]",
                        new Page.LocatorOptions().setHasText(question));
        assertThat(item).containsText("misses the approval rule");
        item.locator("textarea[name=answer]")
                .fill("Up to five days carry over [1]; more needs your manager's approval [1].");
        item.locator("input[name=chunkId]").first().check();
        page.screenshot(
                new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("review.png")));
        item.locator("form.publish button[type=submit]").click();

        assertThat(page.locator(".notice-ok")).containsText("Published");
        assertThat(page.locator("table.verified")).containsText(question);

        ollama.clearCalls();
        page.navigate("http://localhost:" + api.port() + "/?collection=" + collection);
        page.fill("#question", question);
        page.press("#question", "Enter");
        Locator answer = page.locator(".turn .final").last();
        assertThat(answer.locator(".mode")).containsText("Verified answer");
        assertThat(answer).containsText("A verified answer by");
        assertThat(answer.locator("button.chip").first()).isVisible();
        assertThat(ollama.chatCallCount()).isZero();

        // what the models cost the collection: the first question's model call
        page.navigate("http://localhost:" + api.port() + "/admin/insight?collection=" + collection);
        assertThat(page.locator("table.usage-table tbody")).containsText("mistral");
        assertThat(page.locator("#usage-seconds canvas")).isVisible();
        assertThat(violations).isEmpty();
    }
}
