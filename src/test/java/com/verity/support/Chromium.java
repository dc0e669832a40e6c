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

    /** A page of the given size whose CSP violations land in {@code violations}. */
    public Page page(int width, int height, List<String> violations) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(width, height));
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
