package com.verity.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, for the browser tests: no browser download, and pages
 * whose Content-Security-Policy violations are collected.
 */
public final class Chromium implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;
    private String signedIn;

    private Chromium() {
        playwright =
                Playwright.create(
                        new Playwright.CreateOptions()
                                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser =
                playwright
                        .chromium()
                        .launch(
                                new BrowserType.LaunchOptions()
                                        .setExecutablePath(
                                                Path.of(
                                                        System.getenv()
                                                                .getOrDefault(
                                                                        "CHROMIUM_PATH",
                                                                        "/usr/bin/chromium")))
                                        .setArgs(
                                                List.of(
                                                        "--no-sandbox",
                                                        "--disable-gpu",
                                                        "--disable-background-networking")));
    }

    public static Chromium launch() {
        return new Chromium();
    }

    public Browser browser() {
        return browser;
    }

    /**
     * Signs in at the service's sign-in form as this user; pages opened afterwards share the
     * session (its cookie).
     */
    public Chromium signIn(int port, String username, String password) {
        try (com.microsoft.playwright.BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            signIn(page, port, username, password);
            signedIn = context.storageState();
        }
        return this;
    }

    /** Signs in as the test admin. */
    public Chromium signIn(int port) {
        return signIn(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    }

    /** Fills and sends the sign-in form on this page and waits for the page it leads to. */
    public static void signIn(Page page, int port, String username, String password) {
        page.navigate("http://localhost:" + port + "/login");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#sign-in button[type=submit]");
        page.waitForURL(url -> !url.contains("/login"));
    }

    /**
     * A page of the given size, signed in when {@link #signIn} was called, whose CSP violations
     * land in {@code violations}.
     */
    public Page page(int width, int height, List<String> violations) {
        Browser.NewPageOptions options =
                new Browser.NewPageOptions().setViewportSize(width, height);
        if (signedIn != null) {
            options.setStorageState(signedIn);
        }
        return watched(browser.newPage(options), violations);
    }

    /** A page of a browser nobody signed in with. */
    public Page anonymousPage(int width, int height, List<String> violations) {
        return watched(
                browser.newPage(new Browser.NewPageOptions().setViewportSize(width, height)),
                violations);
    }

    private static Page watched(Page page, List<String> violations) {
        page.onConsoleMessage(
                message -> {
                    if (message.text().contains("Content Security Policy")) {
                        violations.add(message.text());
                    }
                });
        return page;
    }

    public Page page(int width, int height) {
        return page(width, height, new ArrayList<>());
    }

    /** Whether the page is wider than its viewport (a phone would scroll sideways). */
    public static boolean overflowsSideways(Page page) {
        return Boolean.TRUE.equals(
                page.evaluate(
                        "document.documentElement.scrollWidth > document.documentElement.clientWidth"));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
