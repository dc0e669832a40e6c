package com.verity.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.verity.support.Chromium;
import com.verity.support.IntegrationTest;
import com.verity.support.TestAccounts;
import com.verity.support.TestAccounts.Account;
import com.verity.support.TestUsers;
import com.verity.support.VerityApi;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signing in and out, the account page (password, API keys shown once) and the admins' users,
 * access and audit pages, in Chromium: what each role's navigation offers, without CSP violations,
 * on a desk and on a phone.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityPagesBrowserTest {

    @Autowired VerityApi admin;

    Chromium chromium;

    @BeforeAll
    void browser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    void close() {
        chromium.close();
    }

    @Test
    void aUserSignsInChangesTheirPasswordMakesAKeyAndSignsOut() {
        Account agent =
                TestAccounts.create(admin, "pages-agent", List.of("AGENT"), List.of("support"));
        List<String> violations = new ArrayList<>();
        Page page = chromium.anonymousPage(1280, 900, violations);
        page.navigate(base() + "/admin/users");
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        page.fill("#username", agent.username());
        page.fill("#password", "not it");
        page.click("#sign-in button[type=submit]");
        assertThat(page.locator(".problem")).hasText("Wrong username or password.");
        page.screenshot(
                new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("login.png")));
        page.fill("#username", agent.username());
        page.fill("#password", agent.password());
        page.click("#sign-in button[type=submit]");
        // an agent's navigation offers no admin pages, and the page itself is refused
        page.navigate(base() + "/");
        assertThat(page.locator("nav a[href='/admin/users']")).hasCount(0);
        assertThat(page.locator("nav a[href='/admin/documents']")).hasCount(0);
        assertThat(page.navigate(base() + "/admin/users").status()).isEqualTo(403);

        page.navigate(base() + "/account");
        page.fill("#key-name", "reporting script");
        page.click("#create-key button[type=submit]");
        Locator key = page.locator("#new-key");
        assertThat(key).containsText("vk_");
        String shown = key.textContent().strip();
        assertThat(page.locator("#api-keys tbody tr[data-key]")).hasCount(1);
        assertThat(page.locator("#api-keys tbody")).not().containsText(shown);
        assertThat(admin.withKey(shown).get("/api/me").body())
                .containsEntry("username", agent.username());
        page.reload();
        assertThat(page.locator("#new-key")).hasCount(0);
        page.onDialog(dialog -> dialog.accept());
        page.click("#api-keys button.revoke");
        assertThat(page.locator("#api-keys tbody tr[data-key]")).hasCount(0);
        assertThat(admin.withKey(shown).get("/api/me").status().value()).isEqualTo(401);

        page.fill("#current-password", agent.password());
        page.fill("#new-password", "a brand new password");
        page.fill("#confirm-password", "a brand new password");
        page.click("#change-password button[type=submit]");
        assertThat(page.locator("#password-result")).containsText("Password changed");
        assertThat(
                        admin.as(agent.username(), "a brand new password")
                                .get("/api/me")
                                .status()
                                .value())
                .isEqualTo(200);

        page.click("nav form.sign-out button");
        assertThat(page).hasURL(Pattern.compile(".*/login\\?signed-out$"));
        assertThat(page.locator(".notice-ok")).hasText("You are signed out.");
        page.navigate(base() + "/account");
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        assertThat(violations).isEmpty();
    }

    @Test
    void anAdminManagesUsersCollectionAccessAndReadsTheAuditLog() {
        List<String> violations = new ArrayList<>();
        chromium.signIn(admin.port());
        Page page = chromium.page(1280, 900, violations);
        String name = "dora-" + UUID.randomUUID().toString().substring(0, 6);
        page.navigate(base() + "/admin/users");
        page.fill("#new-username", name);
        page.fill("#new-password", "doras long password");
        page.fill("#new-groups", "support, hr");
        page.click("#new-user button[type=submit]");
        Locator row = page.locator("tr[data-user=" + name + "]");
        assertThat(row.locator(".roles")).hasText("AGENT");
        assertThat(row.locator(".groups")).hasText("hr, support");
        row.locator("summary").click();
        row.locator("input[name=roles][value=EDITOR]").check();
        row.locator("form.stacked button[type=submit]").click();
        row = page.locator("tr[data-user=" + name + "]");
        assertThat(row.locator(".roles")).hasText("AGENT, EDITOR");
        assertThat(page.locator("tr[data-group=hr]")).containsText(name);
        page.screenshot(
                new Page.ScreenshotOptions()
                        .setPath(Chromium.SCREENSHOTS.resolve("users.png"))
                        .setFullPage(true));

        String collection = admin.newCollection("access-page");
        page.navigate(base() + "/admin/documents?collection=" + collection);
        page.click("text=Who may read and edit this collection");
        page.fill("#readers", "group:finance\nuser:" + name);
        page.click("#access-panel button[type=submit]");
        assertThat(page.locator("#access-panel .notice-ok")).hasText("Saved.");
        assertThat(admin.get("/api/collections/" + collection + "/access").body())
                .containsEntry("readers", List.of("group:finance", "user:" + name));

        page.navigate(base() + "/admin/audit?type=USER_CHANGED&actor=" + TestUsers.ADMIN);
        assertThat(page.locator("#audit-events tbody tr[data-type=USER_CHANGED]").first())
                .isVisible();
        assertThat(page.locator("#audit-events")).containsText(name);

        Page phone = chromium.page(390, 844, violations);
        for (String path : List.of("/admin/users", "/account", "/admin/audit", "/login")) {
            phone.navigate(base() + path);
            assertThat(Chromium.overflowsSideways(phone)).as(path).isFalse();
        }
        phone.navigate(base() + "/account");
        phone.screenshot(
                new Page.ScreenshotOptions()
                        .setPath(Chromium.SCREENSHOTS.resolve("account-phone.png")));
        assertThat(violations).isEmpty();
    }

    private String base() {
        return "http://localhost:" + admin.port();
    }
}
