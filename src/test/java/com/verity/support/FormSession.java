package com.verity.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session without a browser: cookies kept, redirects not followed, the sign-in form
 * sent with the CSRF token its page carries. For tests of what sessions may and may not do.
 */
public final class FormSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META =
            Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public FormSession(int port) {
        this.base = "http://localhost:" + port;
        this.http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** Signs in through the form; returns the answer to the form's POST. */
    public HttpResponse<String> signIn(String username, String password) {
        String token = csrfField(get("/login").body());
        return postForm(
                "/login", Map.of("username", username, "password", password, "_csrf", token));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** A form POST with exactly these fields (no token unless one is among them). */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postForm(path, fields, Map.of());
    }

    public HttpResponse<String> postForm(
            String path, Map<String, String> fields, Map<String, String> headers) {
        String body =
                fields.entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body, headers);
    }

    /** A JSON POST with these headers (a session's needs X-CSRF-TOKEN). */
    public HttpResponse<String> postJson(String path, String json, Map<String, String> headers) {
        return post(path, "application/json", json, headers);
    }

    private HttpResponse<String> post(
            String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The CSRF token the page at this path carries for its scripts (its csrf-token meta). */
    public String csrfToken(String path) {
        Matcher meta = CSRF_META.matcher(get(path).body());
        if (!meta.find()) {
            throw new IllegalStateException(path + " carries no CSRF token");
        }
        return meta.group(1);
    }

    /** The session cookie, if the service set one. */
    public HttpCookie sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("VERITY_SESSION"))
                .findFirst()
                .orElse(null);
    }

    private static String csrfField(String page) {
        Matcher field = CSRF_FIELD.matcher(page);
        if (!field.find()) {
            throw new IllegalStateException("the sign-in page carries no CSRF field");
        }
        return field.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
