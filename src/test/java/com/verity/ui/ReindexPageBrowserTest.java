package com.verity.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.verity.support.Chromium;
import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** The admins' re-index page in Chromium, against the running service and its re-index jobs. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReindexPageBrowserTest {

    /** A re-index takes a few seconds plus the job scheduler's polling; this is only a deadline. */
    static final LocatorAssertions.HasTextOptions UNTIL_THE_JOB_ENDS =
            new LocatorAssertions.HasTextOptions().setTimeout(120_000);

    @Autowired VerityApi api;
    @Autowired DataSource dataSource;

    Chromium chromium;

    @BeforeAll
    void browser() {
        chromium = Chromium.launch().signIn(api.port());
    }

    @AfterAll
    void close() {
        chromium.close();
    }

    @Test
    void anAdminRebuildsOneCollectionAndWatchesTheJobSucceedWithoutReloading() {
        String collection = collectionWithDocuments("reindex-page");
        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1280, 900, violations);
        page.navigate("http://localhost:" + api.port() + "/admin/reindex");

        page.selectOption("#reindex-collection", collection);
        page.fill("#reindex-reason", "parser upgrade");
        page.check("#reindex-force");
        page.click("#start-reindex button[type=submit]");

        assertThat(page.locator("#reindex-job .job-scope")).containsText(collection);
        assertThat(page.locator("#reindex-job progress")).isVisible();
        Locator row = page.locator("#recent-jobs tr[data-collection=" + collection + "]");
        assertThat(row.locator(".status")).hasText("SUCCEEDED", UNTIL_THE_JOB_ENDS);
        assertThat(row).containsText("parser upgrade");
        assertThat(row).containsText("3 of 3");
        assertThat(page.locator("#job-status")).containsText("Succeeded: 100% · 3 of 3 documents");
        assertThat(page.locator("#job-progress")).hasAttribute("value", "100");
        // a finished job's panel no longer polls
        assertThat(page.locator("#reindex-job"))
                .not()
                .hasAttribute("hx-trigger", Pattern.compile(".*"));
        page.screenshot(
                new Page.ScreenshotOptions()
                        .setPath(Chromium.SCREENSHOTS.resolve("reindex.png"))
                        .setFullPage(true));

        Page phone = chromium.page(390, 844, violations);
        phone.navigate("http://localhost:" + api.port() + "/admin/reindex");
        assertThat(phone.locator("#recent-jobs tr[data-collection=" + collection + "]"))
                .isVisible();
        assertThat(Chromium.overflowsSideways(phone)).isFalse();
        phone.screenshot(
                new Page.ScreenshotOptions()
                        .setPath(Chromium.SCREENSHOTS.resolve("reindex-phone.png")));
        assertThat(violations).isEmpty();
    }

    @Test
    void startingAgainWhileOneRunsSaysSoAndTheRunningJobIsCancelled() throws Exception {
        String collection = collectionWithDocuments("reindex-cancel");
        List<String> violations = new ArrayList<>();
        Page page = chromium.page(1280, 900, violations);
        page.onDialog(dialog -> dialog.accept());
        // Someone writes into the collection's index meanwhile, so the job cannot switch over and
        // keeps running until it is cancelled.
        try (AutoCloseable writer = holdServingIndex(collection)) {
            page.navigate("http://localhost:" + api.port() + "/admin/reindex");
            page.selectOption("#reindex-collection", collection);
            page.check("#reindex-force");
            page.click("#start-reindex button[type=submit]");
            assertThat(page.locator("#job-status")).containsText("Running");

            page.click("#start-reindex button[type=submit]");

            assertThat(page.locator("#start-problem .problem"))
                    .hasText("A re-index is already running; it is shown below.");
            assertThat(page.locator("#reindex-job .job-scope")).containsText(collection);

            page.click("#reindex-job button.cancel");

            assertThat(page.locator("#job-status")).containsText("Cancelled");
            assertThat(
                            page.locator("#recent-jobs tr[data-collection=" + collection + "]")
                                    .locator(".status"))
                    .hasText("CANCELLED");
            assertThat(page.locator("#reindex-job button.cancel")).hasCount(0);
        }
        assertThat(violations).isEmpty();
    }

    /** A collection of three small documents, all indexed. */
    private String collectionWithDocuments(String prefix) {
        String collection = api.newCollection(prefix);
        for (Map<String, Object> entry :
                api.accepted(
                        collection,
                        text("leave.txt", "Leave\n\nStaff get 25 days of paid leave a year."),
                        text("parking.txt", "Parking\n\nStaff park on level 2 of the garage."),
                        text("meals.txt", "Meals\n\nMeals are reimbursed up to 60 euros a day."))) {
            assertThat(api.awaitSettled(entry.get("id"))).containsEntry("status", "INDEXED");
        }
        return collection;
    }

    private static Upload text(String filename, String text) {
        return Upload.of(filename, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Holds the lock that writers of a collection's serving index share (see
     * IndexGenerations.lockForWrite) until closed.
     */
    private AutoCloseable holdServingIndex(String collection) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (var statement =
                connection.prepareStatement(
                        "select pg_advisory_lock_shared(hashtext('verity.serving/' || c.id))"
                                + " from collection c where c.name = ?")) {
            statement.setString(1, collection);
            statement.executeQuery().close();
        }
        return () -> {
            // the pool keeps the connection, and a session's advisory locks with it
            try (connection;
                    var statement = connection.createStatement()) {
                statement.execute("select pg_advisory_unlock_all()");
            }
        };
    }
}
