package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.VerityApplication;
import com.verity.support.TestDatabase;
import com.verity.support.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts and keys are remembered in each instance's memory; a change made through one instance
 * reaches the others at once (PostgreSQL notifications): a key revoked on one is refused by the
 * other, a user disabled on one is refused by the other.
 */
class AccountChangesAcrossInstancesTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(3);
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRevokedKeyAndADisabledUserAreRefusedByEveryInstance() throws Exception {
        Map<String, Object> database = TestDatabase.isolatedProperties("account_changes");
        try (ConfigurableApplicationContext one = start(database);
                ConfigurableApplicationContext two = start(database)) {
            int a = port(one);
            int b = port(two);
            String admin = TestUsers.admin();
            String name = "roaming-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(
                            send(
                                            a,
                                            "POST",
                                            "/api/users",
                                            admin,
                                            Map.of(
                                                    "username",
                                                    name,
                                                    "password",
                                                    "a roaming password",
                                                    "roles",
                                                    List.of("AGENT")))
                                    .statusCode())
                    .isEqualTo(201);
            String basic = TestUsers.basic(name, "a roaming password");
            String key =
                    (String)
                            json.readValue(
                                            send(
                                                            a,
                                                            "POST",
                                                            "/api/api-keys",
                                                            basic,
                                                            Map.of("name", "k"))
                                                    .body(),
                                            Map.class)
                                    .get("key");
            String bearer = "Bearer " + key;
            // both instances know the key and the user (and remember them)
            assertThat(send(b, "GET", "/api/me", bearer, null).statusCode()).isEqualTo(200);
            assertThat(send(b, "GET", "/api/me", basic, null).statusCode()).isEqualTo(200);
            assertThat(send(b, "GET", "/api/me", bearer, null).statusCode()).isEqualTo(200);

            String id =
                    json.readTree(send(a, "GET", "/api/api-keys", basic, null).body())
                            .get(0)
                            .get("id")
                            .asText();
            assertThat(send(a, "DELETE", "/api/api-keys/" + id, basic, null).statusCode())
                    .isEqualTo(204);
            assertThat(within(b, bearer, 401))
                    .as("the other instance refuses the revoked key")
                    .isTrue();

            assertThat(
                            send(a, "PATCH", "/api/users/" + name, admin, Map.of("enabled", false))
                                    .statusCode())
                    .isEqualTo(200);
            assertThat(within(b, basic, 401))
                    .as("the other instance refuses the disabled user")
                    .isTrue();
        }
    }

    private boolean within(int port, String authorization, int status) throws Exception {
        long deadline = System.nanoTime() + AT_ONCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (send(port, "GET", "/api/me", authorization, null).statusCode() == status) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private HttpResponse<String> send(
            int port, String method, String path, String authorization, Object body)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                json.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext start(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("verity.jobs.enabled", "false");
        properties.put("verity.ingestion.workers", "0");
        return new SpringApplicationBuilder(VerityApplication.class)
                .run(TestDatabase.arguments(properties));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
