package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FormSession;
import com.verity.support.IntegrationTest;
import com.verity.support.TestUsers;
import com.verity.support.VerityApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What another web site can make a browser do here: nothing. State-changing requests of a session
 * need its CSRF token, requests a browser marks as cross-site are refused, a foreign Host is
 * refused before authentication (DNS rebinding), and the session cookie is Lax, HTTP-only and
 * renewed at sign-in.
 */
@IntegrationTest
class RequestForgeryTest {

    @Autowired VerityApi api;

    @Test
    void aSessionsStateChangesNeedTheCsrfToken() {
        FormSession browser = new FormSession(api.port());
        HttpResponse<String> signIn = browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        HttpResponse<String> forged =
                browser.postForm("/ui/reindex-jobs", Map.of("collection", "", "force", "true"));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> forgedApi =
                browser.postForm("/api/collections", Map.of("name", "forged"));
        assertThat(forgedApi.statusCode()).isEqualTo(403);
        assertThat(forgedApi.body()).contains("CSRF");

        String token = browser.csrfToken("/admin/reindex");
        HttpResponse<String> real =
                browser.postForm(
                        "/ui/collections",
                        Map.of("name", "csrf-ok-" + System.nanoTime() % 100000),
                        Map.of("X-CSRF-TOKEN", token, "HX-Request", "true"));
        assertThat(real.statusCode()).isEqualTo(200);
        assertThat(real.headers().firstValue("HX-Redirect")).isPresent();
    }

    @Test
    void signingInWithoutTheFormsTokenIsRefused() {
        FormSession browser = new FormSession(api.port());
        browser.get("/login");
        HttpResponse<String> response =
                browser.postForm(
                        "/login",
                        Map.of("username", TestUsers.ADMIN, "password", TestUsers.ADMIN_PASSWORD));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void theSessionCookieIsLaxHttpOnlyAndRenewedAtSignIn() {
        FormSession browser = new FormSession(api.port());
        HttpResponse<String> login = browser.get("/login");
        String before = browser.sessionCookie().getValue();
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(browser.sessionCookie().getValue()).isNotEqualTo(before);
        assertThat(browser.get("/api/me").body()).contains(TestUsers.ADMIN);
    }

    @Test
    void requestsTheBrowserMarksCrossSiteAreRefusedWhateverTheirCredentials() {
        VerityApi.Reply<Map<String, Object>> fromElsewhere =
                api.as(TestUsers.admin())
                        .post(
                                "/api/collections",
                                Map.of("name", "cross-" + System.nanoTime() % 100000));
        assertThat(fromElsewhere.status().value()).isEqualTo(201);
        assertThat(
                        raw(
                                "POST /api/collections HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Authorization: "
                                        + TestUsers.admin()
                                        + "\r\n"
                                        + "Origin: http://evil.example\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: 15\r\n"
                                        + "Connection: close\r\n\r\n{\"name\":\"evil\"}"))
                .startsWith("HTTP/1.1 403")
                .contains("/problems/cross-site-request");
        assertThat(
                        raw(
                                "DELETE /api/documents/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\n"
                                        + "Host: localhost\r\nAuthorization: "
                                        + TestUsers.admin()
                                        + "\r\n"
                                        + "Sec-Fetch-Site: cross-site\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 403");
    }

    @Test
    void aForeignHostIsRefusedBeforeAuthentication() {
        String answer =
                raw(
                        "GET /api/me HTTP/1.1\r\nHost: rebound.evil.example\r\n"
                                + "Authorization: "
                                + TestUsers.admin()
                                + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("/problems/host-not-allowed");
        assertThat(answer).doesNotContain(TestUsers.ADMIN);
        assertThat(
                        raw(
                                "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void healthIsOpenWithTheStatusOnly() {
        VerityApi anonymous = api.as((String) null);
        Map<String, Object> health = anonymous.get("/actuator/health").body();
        assertThat(health).containsKey("status").doesNotContainKey("components");
        assertThat(anonymous.get("/actuator/health/readiness").status().value()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status().value()).isEqualTo(200);
        assertThat(
                        raw(
                                "HEAD /actuator/health/readiness HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Connection: close\r\n\r\n"))
                .as("load balancers probe with HEAD")
                .startsWith("HTTP/1.1 200");
        assertThat(api.get("/actuator/health").body()).containsKey("components");
    }

    /** Sends one raw HTTP request (any Host header) and reads the whole answer. */
    private String raw(String request) {
        try (Socket socket = new Socket("localhost", api.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
