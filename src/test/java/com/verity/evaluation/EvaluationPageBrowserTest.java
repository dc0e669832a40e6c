package com.verity.evaluation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static com.verity.evaluation.EvaluationFixtures.GOOD;
import static com.verity.evaluation.EvaluationFixtures.POOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.verity.support.Chromium;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An editor starts an evaluation of two models from the evaluations page and reads its report in
 * Chromium: charts with intervals, the paired differences, both answers per question with their
 * citations, and the filter to where the models disagree; agents compare two models blind on the
 * Ask page and their vote shows on the evaluations page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationPageBrowserTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    static final LocatorAssertions.ContainsTextOptions UNTIL_IT_ENDS =
            new LocatorAssertions.ContainsTextOptions().setTimeout(90_000);

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.jobs.polling-interval", () -> "300ms");
    }

    @Autowired VerityApi api;

    Chromium chromium;
    String collection;

    @BeforeAll
    void setUp() {
        ollama.pulled(GOOD, POOR).respondWith(EvaluationFixtures.twoModels(20));
        collection = EvaluationFixtures.knowledgeBase(api);
        EvaluationFixtures.goldenSet(api, collection, "support");
        chromium = Chromium.launch().signIn(api.port());
    }

    @AfterAll
    void close() {
        chromium.close();
        ollama.close();
    }

    @Test
    void anEditorStartsAnEvaluationAndReadsBothModelsSideBySide() {
        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1400, 1000, violations);
        page.navigate(
                "http://localhost:" + api.port() + "/admin/evaluations?collection=" + collection);

        page.selectOption("#golden-set", new String[] {page.inputValue("#golden-set")});
        page.click("#start-evaluation button[type=submit]");

        assertThat(page.locator("#evaluation-state")).containsText("SUCCEEDED", UNTIL_IT_ENDS);
        assertThat(page.locator("#evaluation-state")).containsText("20 of 20 answers");
        assertThat(page.locator("#answers-chart canvas")).hasCount(1);
        assertThat(page.locator("#latency-chart canvas")).hasCount(1);
        Locator validity =
                page.locator(
                        "#comparisons tr.significant",
                        new Page.LocatorOptions().setHasText("citationValidity"));
        assertThat(validity).containsText(GOOD);
        assertThat(page.locator("#questions thead")).containsText(GOOD);
        assertThat(page.locator("#questions thead")).containsText(POOR);
        Locator first = page.locator("#questions tbody tr").first();
        assertThat(first.locator("button.chip").first()).isVisible();
        int all = page.locator("#questions tbody tr:visible").count();

        page.check("#only-disagreements");

        int disagreements = page.locator("#questions tbody tr:visible").count();
        assertThat(disagreements).isPositive().isLessThanOrEqualTo(all);
        assertThat(page.locator("#questions tbody tr.agree:visible")).hasCount(0);
        page.uncheck("#only-disagreements");
        page.screenshot(
                new Page.ScreenshotOptions()
                        .setPath(Chromium.SCREENSHOTS.resolve("evaluation.png"))
                        .setFullPage(true));
        assertThat(violations).isEmpty();
    }

    @Test
    void anAgentComparesTwoModelsBlindAndTheVoteNamesThem() {
        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1280, 900, violations);
        page.navigate("http://localhost:" + api.port() + "/");
        page.selectOption("select[name=collection]", collection);
        page.fill("#question", "How long does standard shipping take?");

        page.click("#compare");

        Locator comparison = page.locator("#turns .comparison").last();
        assertThat(comparison.locator(".side")).hasCount(2);
        assertThat(comparison).not().containsText(GOOD);
        assertThat(comparison).not().containsText(POOR);
        String winner =
                comparison.locator(".side[data-side=A] button.chip").count() > 0 ? "A" : "B";

        comparison
                .getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName(winner).setExact(true))
                .click();

        assertThat(comparison.locator(".vote")).containsText(winner + " was " + GOOD);
        page.screenshot(
                new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("compare.png")));
        page.navigate(
                "http://localhost:" + api.port() + "/admin/evaluations?collection=" + collection);
        assertThat(page.locator("table.arena")).containsText(POOR);
        assertThat(violations).isEmpty();
    }

    @Test
    void anEditorReviewsAGoldenSetEditingAndDeletingQuestions() {
        EvaluationFixtures.goldenSet(api, collection, "review");
        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1280, 900, violations);
        page.navigate(
                "http://localhost:" + api.port() + "/admin/evaluations?collection=" + collection);

        page.locator("#golden-sets a", new Page.LocatorOptions().setHasText("review")).click();
        page.waitForURL("**/admin/golden-sets/**");
        Locator first = page.locator("form.golden-item").first();
        first.locator("textarea[name=question]").fill("How fast are refunds paid back?");
        first.locator("button[type=submit]").click();

        assertThat(first.locator(".saved")).containsText("Saved.");
        page.locator("button.danger").nth(1).click();
        assertThat(page.locator("form.golden-item")).hasCount(EvaluationFixtures.QUESTIONS - 1);
        assertThat(page.locator("form.golden-item textarea[name=question]").first())
                .hasValue("How fast are refunds paid back?");
        assertThat(violations).isEmpty();
    }

    @Test
    void withoutItsScriptTheGoldenSetPageStillSavesAQuestion() {
        String id = EvaluationFixtures.goldenSet(api, collection, "plain");
        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1280, 900, violations);
        page.route("**/htmx.min.js", Route::abort);
        page.navigate("http://localhost:" + api.port() + "/admin/golden-sets/" + id);

        Locator second = page.locator("form.golden-item").nth(1);
        second.locator("textarea[name=question]").fill("Who pays for return shipping?");
        second.locator("button[type=submit]").click();

        assertThat(page.locator("form.golden-item").nth(1).locator(".saved"))
                .containsText("Saved.");
        assertThat(page.locator("form.golden-item").first().locator(".saved")).isEmpty();
        assertThat(page.locator("form.golden-item textarea[name=question]").nth(1))
                .hasValue("Who pays for return shipping?");
    }
}
