package com.verity.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.verity.support.Chromium;
import com.verity.support.TestDatabase;
import com.verity.support.VerityApi;
import java.util.List;
import java.util.Map;
import oidc.provider.OpenIdProvider;
import oidc.provider.OpenIdProvider.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on end to end, in Chromium: Verity's sign-in page sends the user to a real OpenID
 * provider (Spring Authorization Server, in the test), the provider signs them in and sends them
 * back, and Verity creates the account on first sign-in with the roles its role mapping gives the
 * provider's groups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestDatabase.class, VerityApi.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleSignOnTest {

    static final OpenIdProvider provider =
            OpenIdProvider.start(
                    List.of(
                            new Person("ann", "Ann Admin", List.of("kb-admins", "/hr")),
                            new Person("bert", "Bert Agent", List.of("support")),
                            new Person("clash", "Someone Else", List.of())));

    @DynamicPropertySource
    static void sso(DynamicPropertyRegistry registry) {
        String registration = "spring.security.oauth2.client.registration.company.";
        registry.add(registration + "client-id", () -> OpenIdProvider.CLIENT_ID);
        registry.add(registration + "client-secret", () -> OpenIdProvider.CLIENT_SECRET);
        registry.add(registration + "client-name", () -> "Company SSO");
        registry.add(registration + "scope", () -> "openid,profile");
        registry.add(registration + "provider", () -> "company");
        registry.add("spring.security.oauth2.client.provider.company.issuer-uri", provider::issuer);
        registry.add("verity.security.oidc.role-mapping.kb-admins", () -> "ADMIN");
        registry.add("verity.security.oidc.role-mapping.kb-editors", () -> "EDITOR");
    }

    @Autowired VerityApi admin;

    Chromium chromium;

    @BeforeAll
    void browser() {
        chromium = Chromium.launch();
    }

    @AfterAll
    void close() {
        chromium.close();
        provider.close();
    }

    @Test
    void aCompanyUserSignsInThroughTheProviderAndGetsTheMappedRoleAndGroups() {
        Page page = signInThroughTheProvider("ann");
        Map<String, Object> me = me(page);
        assertThat(me)
                .containsEntry("username", "ann")
                .containsEntry("displayName", "Ann Admin")
                .containsEntry("roles", List.of("ADMIN"))
                .containsEntry("groups", List.of("hr", "kb-admins"));
        assertThat(page.locator("nav a[href='/admin/users']")).isVisible();
        assertThat(admin.get("/api/users/ann").body()).containsEntry("roles", List.of("ADMIN"));
        assertThat(admin.get("/api/audit-events?type=SIGN_IN&actor=ann").body().toString())
                .contains("OIDC");
        page.click("nav form.sign-out button");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?signed-out$"));
        page.navigate(base() + "/api/me");
        assertThat(page.content()).contains("/problems/unauthorized");
    }

    @Test
    void aUserWithoutMappedGroupsIsAnAgentAndDisablingThemEndsTheirSession() {
        Page page = signInThroughTheProvider("bert");
        assertThat(me(page))
                .containsEntry("roles", List.of("AGENT"))
                .containsEntry("groups", List.of("support"));
        assertThat(page.locator("nav a[href='/admin/documents']")).hasCount(0);
        assertThat(admin.patch("/api/users/bert", Map.of("enabled", false)).status().value())
                .isEqualTo(200);
        page.navigate(base() + "/");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        admin.patch("/api/users/bert", Map.of("enabled", true));
    }

    @Test
    void aProviderUserNamedLikeALocalAccountDoesNotTakeItOver() {
        admin.post(
                "/api/users",
                Map.of(
                        "username",
                        "clash",
                        "password",
                        "a local password here",
                        "roles",
                        List.of("ADMIN")));
        Page page = chromium.page(1280, 800);
        page.navigate(base() + "/login");
        page.click("a.provider");
        providerSignIn(page, "clash");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?sso-error$"));
        assertThat(page.locator(".problem")).containsText("exists already");
        assertThat(admin.get("/api/users/clash").body()).containsEntry("roles", List.of("ADMIN"));
    }

    private Page signInThroughTheProvider(String username) {
        Page page = chromium.page(1280, 800);
        page.navigate(base() + "/login");
        assertThat(page.locator("a.provider")).hasText("Sign in with Company SSO");
        page.click("a.provider");
        providerSignIn(page, username);
        page.waitForURL(base() + "/");
        return page;
    }

    /** The provider's own (Spring Security's default) sign-in form. */
    private static void providerSignIn(Page page, String username) {
        page.waitForURL(url -> url.startsWith(provider.issuer()));
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", OpenIdProvider.PASSWORD);
        page.click("button[type=submit]");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> me(Page page) {
        return (Map<String, Object>) page.evaluate("fetch('/api/me').then(r => r.json())");
    }

    /**
     * Verity as the browser reaches it: the loopback address the provider lets redirect anywhere.
     */
    private String base() {
        return "http://127.0.0.1:" + admin.port();
    }
}
