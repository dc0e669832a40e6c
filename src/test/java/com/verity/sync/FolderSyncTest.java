package com.verity.sync;

import static com.verity.sync.FolderSyncClient.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FixtureText;
import com.verity.support.IntegrationTest;
import com.verity.support.PdfFixtures;
import com.verity.support.TestAccounts;
import com.verity.support.UnsupportedFixtures;
import com.verity.support.VerityApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Folder sync adding, changing and removing files, through the REST API. */
@IntegrationTest
class FolderSyncTest {

    @TempDir static Path folders;

    /**
     * Sources and collections are named per test run: a rerun on the same database starts clean.
     */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static final String[] SOURCES = {
        "adds", "same", "changes", "removes", "patterns", "bad", "restricted"
    };

    @DynamicPropertySource
    static void folderSources(DynamicPropertyRegistry registry) {
        registry.add("verity.ingestion.max-file-size", () -> "100KB");
        for (int i = 0; i < SOURCES.length; i++) {
            String name = SOURCES[i];
            FolderSyncClient.register(
                    registry, i, source(name), collection(name), () -> folder(name));
        }
        String patterns =
                "verity.folder-sync.sources[%d].".formatted(List.of(SOURCES).indexOf("patterns"));
        registry.add(patterns + "include", () -> "**/*.md, **/*.txt");
        registry.add(patterns + "exclude", () -> "**/drafts/**, **/.*");
        registry.add(
                "verity.folder-sync.sources[%d].access-groups"
                        .formatted(List.of(SOURCES).indexOf("restricted")),
                () -> "HR");
    }

    static String source(String name) {
        return name + "-" + RUN;
    }

    static String collection(String name) {
        return "sync-" + name + "-" + RUN;
    }

    static Path folder(String name) {
        return folders.resolve(name);
    }

    @Autowired VerityApi api;

    FolderSyncClient client() {
        return new FolderSyncClient(api);
    }

    @Test
    void theFirstSyncAddsEveryFileAndTheyBecomeSearchable() {
        write(folder("adds"), "parking.txt", "Parking permits are issued by the facilities desk.");
        write(
                folder("adds"),
                "policies/leave/sick-leave.md",
                "# Sick leave\n\nEmployees get twelve days of paid sick leave a year.\n");
        write(
                folder("adds"),
                "policies/travel.pdf",
                PdfFixtures.pdf(
                        FixtureText.titled("Travel")
                                .section("Trains", "Second class rail tickets are reimbursed.")));

        Map<String, Object> run = client().sync(source("adds"));

        assertThat(run)
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("collection", collection("adds"))
                .containsEntry("added", 3)
                .containsEntry("changed", 0)
                .containsEntry("removed", 0)
                .containsEntry("failed", 0);
        var documents = client().byFilename(collection("adds"));
        assertThat(documents)
                .containsOnlyKeys(
                        "parking.txt", "policies/leave/sick-leave.md", "policies/travel.pdf");
        assertThat(documents.values())
                .allSatisfy(
                        d ->
                                assertThat(d)
                                        .containsEntry("status", "INDEXED")
                                        .containsEntry("source", source("adds"))
                                        .containsEntry("version", 1));
        assertThat(api.search(collection("adds"), "how many sick days do I get", 3))
                .first()
                .satisfies(
                        p ->
                                assertThat(p.get("filename"))
                                        .isEqualTo("policies/leave/sick-leave.md"));
        assertThat(api.search(collection("adds"), "rail tickets", 3))
                .first()
                .satisfies(p -> assertThat(p.get("filename")).isEqualTo("policies/travel.pdf"));
    }

    @Test
    void aSecondSyncSkipsUnchangedFilesAndStoresNoNewVersion() {
        write(folder("same"), "badges.txt", "Badges are renewed every year at reception.");
        write(folder("same"), "keys/lockers.txt", "Locker keys are handed out by security.");
        client().sync(source("same"));
        var before = client().byFilename(collection("same"));

        Map<String, Object> again = client().sync(source("same"));

        assertThat(again)
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("added", 0)
                .containsEntry("changed", 0)
                .containsEntry("unchanged", 2)
                .containsEntry("removed", 0);
        assertThat(client().byFilename(collection("same"))).isEqualTo(before);
    }

    @Test
    void aChangedFileBecomesANewVersionAndItsOldTextLeavesTheIndex() {
        write(folder("changes"), "hours.txt", "The office opens at nine in the morning.");
        write(folder("changes"), "canteen.txt", "The canteen serves lunch from noon.");
        client().sync(source("changes"));
        Object first = client().byFilename(collection("changes")).get("hours.txt").get("id");

        write(folder("changes"), "hours.txt", "The office opens at seven in the morning.");
        Map<String, Object> run = client().sync(source("changes"));

        assertThat(run).containsEntry("changed", 1).containsEntry("unchanged", 1);
        Map<String, Object> hours = client().byFilename(collection("changes")).get("hours.txt");
        assertThat(hours).containsEntry("version", 2).containsEntry("status", "INDEXED");
        assertThat(hours.get("id")).isNotEqualTo(first);
        assertThat(api.get("/api/documents/" + first).status().value()).isEqualTo(404);
        assertThat(api.search(collection("changes"), "when does the office open", 5))
                .extracting(p -> (String) p.get("text"))
                .anySatisfy(text -> assertThat(text).contains("seven"))
                .noneSatisfy(text -> assertThat(text).contains("nine"));
    }

    @Test
    void aFileRemovedFromTheFolderLosesItsDocument() throws Exception {
        write(folder("removes"), "old/fax.txt", "Faxes are sent from the machine on floor two.");
        write(folder("removes"), "mail.txt", "Mail is delivered to reception twice a day.");
        client().sync(source("removes"));
        Object fax = client().byFilename(collection("removes")).get("old/fax.txt").get("id");

        Files.delete(folder("removes").resolve("old/fax.txt"));
        Map<String, Object> run = client().sync(source("removes"));

        assertThat(run).containsEntry("removed", 1).containsEntry("unchanged", 1);
        assertThat(client().byFilename(collection("removes"))).containsOnlyKeys("mail.txt");
        assertThat(api.get("/api/documents/" + fax).status().value()).isEqualTo(404);
        assertThat(api.search(collection("removes"), "sending a fax", 5))
                .noneSatisfy(p -> assertThat(p.get("filename")).isEqualTo("old/fax.txt"));
    }

    @Test
    void includeAndExcludePatternsChooseTheFiles() {
        write(folder("patterns"), "guide.md", "# Guide\n\nVisitors sign in at reception.\n");
        write(folder("patterns"), "faq/wifi.txt", "The guest wifi password changes monthly.");
        write(folder("patterns"), "faq/drafts/unfinished.txt", "Not ready to be published.");
        write(folder("patterns"), ".hidden.txt", "A hidden file.");
        write(folder("patterns"), ".git/notes.txt", "Inside a hidden directory.");
        write(folder("patterns"), "page.html", "<html><body><p>Not included.</p></body></html>");

        Map<String, Object> run = client().sync(source("patterns"));

        assertThat(run).containsEntry("added", 2).containsEntry("failed", 0);
        assertThat(client().byFilename(collection("patterns")))
                .containsOnlyKeys("guide.md", "faq/wifi.txt");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBadFileIsReportedAndTheRunGoesOn() {
        write(folder("bad"), "good.txt", "Expense reports are due by the fifth of each month.");
        write(folder("bad"), "empty.txt", new byte[0]);
        write(folder("bad"), "scan.gif", UnsupportedFixtures.gif());
        write(folder("bad"), "report.pdf", "Plain text that only pretends to be a PDF.");
        write(folder("bad"), "huge.txt", "Too long. ".repeat(12_000));

        Map<String, Object> run = client().sync(source("bad"));

        assertThat(run)
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("added", 1)
                .containsEntry("failed", 4);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) run.get("errors");
        assertThat(errors)
                .extracting(e -> e.get("path"))
                .containsExactlyInAnyOrder("empty.txt", "scan.gif", "report.pdf", "huge.txt");
        assertThat(errors)
                .allSatisfy(
                        e -> assertThat((String) e.get("error")).contains((String) e.get("path")));
        assertThat(client().byFilename(collection("bad"))).containsOnlyKeys("good.txt");
    }

    @Test
    void aSourcesAccessGroupsRestrictItsDocumentsAndItIsAdminsUntilNamedOtherwise() {
        write(folder("restricted"), "salaries.txt", "Salary reviews happen every April.");
        assertThat(client().sync(source("restricted"))).containsEntry("state", "SUCCEEDED");
        assertThat(client().byFilename(collection("restricted")).get("salaries.txt"))
                .containsEntry("accessGroups", List.of("hr"));
        assertThat(api.get("/api/folder-sources/" + source("restricted")).body())
                .containsEntry("accessGroups", List.of("hr"));
        TestAccounts.Account agent =
                TestAccounts.create(api, "sync-agent", List.of("AGENT"), List.of("support"));
        assertThat(agent.api().search(collection("restricted"), "salary reviews April", 5))
                .isEmpty();
        TestAccounts.Account hr =
                TestAccounts.create(api, "sync-hr", List.of("AGENT"), List.of("hr"));
        assertThat(hr.api().search(collection("restricted"), "salary reviews April", 5))
                .isNotEmpty();
        // the collection was made by the configuration, so only admins edit it and see its source
        TestAccounts.Account editor =
                TestAccounts.create(api, "sync-editor", List.of("EDITOR"), List.of("hr"));
        assertThat(editor.api().getList("/api/folder-sources").body()).isEmpty();
        assertThat(
                        editor.api()
                                .post(
                                        "/api/folder-sources/" + source("restricted") + "/sync",
                                        Map.of())
                                .status()
                                .value())
                .isEqualTo(404);
    }
}
