package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FormSession;
import com.verity.support.IntegrationTest;
import com.verity.support.TestAccounts;
import com.verity.support.TestAccounts.Account;
import com.verity.support.TestUsers;
import com.verity.support.VerityApi;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Five failed sign-ins for a username, or for unknown usernames from one address, within the window
 * lock it: further attempts get 429 with Retry-After even with the right password, and the audit
 * log says so.
 */
@IntegrationTest
class SignInThrottleTest {

    @Autowired VerityApi admin;
    @Autowired org.springframework.context.ApplicationContext context;

    @Test
    void fiveWrongPasswordsLockTheUsernameEvenForTheRightOne() {
        Account victim = TestAccounts.create(admin, "victim", List.of("AGENT"), List.of());
        VerityApi wrong = admin.as(victim.username(), "not the password");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(wrong.get("/api/me").status().value()).isEqualTo(401);
        }
        assertThat(wrong.get("/api/me").status().value()).isEqualTo(429);
        VerityApi.Reply<Map<String, Object>> right = victim.api().get("/api/me");
        assertThat(right.status().value()).isEqualTo(429);
        assertThat(Long.parseLong(right.headers().getFirst("Retry-After"))).isBetween(1L, 300L);
        assertThat(right.body()).containsEntry("type", "/problems/sign-in-throttled");
        String audit =
                admin.get("/api/audit-events?type=SIGN_IN_THROTTLED&actor=" + victim.username())
                        .body()
                        .toString();
        assertThat(audit).contains("user:" + victim.username());
        assertThat(
                        admin.get(
                                        "/api/audit-events?type=SIGN_IN_FAILED&actor="
                                                + victim.username())
                                .body())
                .extractingByKey("page")
                .asString()
                .contains("totalElements=5");
        // other users are not affected
        assertThat(admin.get("/api/me").status().value()).isEqualTo(200);
    }

    @Test
    void guessesSentAllAtOnceGetNoMoreTriesThanOneAfterAnother() throws Exception {
        Account target = TestAccounts.create(admin, "parallel", List.of("AGENT"), List.of());
        VerityApi wrong = admin.as(target.username(), "guess");
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(
                        pool.submit(
                                () ->
                                        wrong.as(TestUsers.basic(target.username(), "guess"))
                                                .get("/api/me")
                                                .status()
                                                .value()));
            }
            int checked = 0;
            for (java.util.concurrent.Future<Integer> answer : answers) {
                int status = answer.get();
                assertThat(status).isIn(401, 429);
                checked += status == 401 ? 1 : 0;
            }
            assertThat(checked).as("passwords checked").isLessThanOrEqualTo(5);
        } finally {
            pool.shutdown();
        }
        assertThat(target.api().get("/api/me").status().value()).isEqualTo(429);
    }

    @Test
    void unknownUsernamesFromOneAddressLockTheAddress() {
        // every test request comes from 127.0.0.1: unlock it afterwards, other tests share it
        TestUsers.forgetFailedSignIns(context);
        Account someone = TestAccounts.create(admin, "someone", List.of("AGENT"), List.of());
        try {
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertThat(
                                admin.as("nobody-" + UUID.randomUUID(), "guess")
                                        .get("/api/me")
                                        .status()
                                        .value())
                        .isEqualTo(401);
            }
            assertThat(
                            admin.as("nobody-" + UUID.randomUUID(), "guess")
                                    .get("/api/me")
                                    .status()
                                    .value())
                    .isEqualTo(429);
            assertThat(someone.api().get("/api/me").status().value())
                    .as("a sign-in from the locked address, right password or not")
                    .isEqualTo(429);
            assertThat(admin.get("/api/audit-events?type=SIGN_IN_THROTTLED").body().toString())
                    .contains("address:127.0.0.1");
        } finally {
            TestUsers.forgetFailedSignIns(context);
        }
        assertThat(someone.api().get("/api/me").status().value()).isEqualTo(200);
    }

    @Test
    void theSignInFormIsLockedTooAndSaysForHowLong() {
        Account victim = TestAccounts.create(admin, "form-victim", List.of("AGENT"), List.of());
        FormSession browser = new FormSession(admin.port());
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> failed = browser.signIn(victim.username(), "wrong password");
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location").orElseThrow())
                    .endsWith("/login?error");
        }
        HttpResponse<String> locked = browser.signIn(victim.username(), victim.password());
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.body()).contains("Too many failed sign-ins").contains("id=\"sign-in\"");
    }
}
