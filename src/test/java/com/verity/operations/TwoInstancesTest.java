package com.verity.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.VerityApplication;
import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.DocumentStatus;
import com.verity.ingestion.TestUploads;
import com.verity.support.FirstPassageResponder;
import com.verity.support.FormSession;
import com.verity.support.OllamaEmulator;
import com.verity.support.RoundRobinBalancer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one database behind a round-robin balancer without stickiness: the agents' page
 * signs in on one and asks on the other, its answer streams from whichever the stream reaches, and
 * the REST stream passes the balancer with heartbeats and unbuffered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    static final Pattern STREAM = Pattern.compile("/ui/questions/([0-9a-f-]{36})/stream");

    final OllamaEmulator ollama = OllamaEmulator.start();
    ConfigurableApplicationContext first;
    ConfigurableApplicationContext second;
    RoundRobinBalancer balancer;
    String collection;

    @BeforeAll
    void twoInstancesBehindABalancer() {
        ollama.pulled("mistral", "llama3.1:8b")
                .respondWith(new FirstPassageResponder())
                .delayFirstToken(Duration.ofMillis(800));
        Map<String, Object> database = TestDatabase.isolatedProperties("instances");
        first = start(database);
        second = start(database);
        collection = "instances-" + UUID.randomUUID().toString().substring(0, 8);
        first.getBean(CollectionCatalog.class)
                .create(collection, null, TestUsers.adminCaller(first));
        List<UUID> documents =
                TestUploads.upload(
                        first,
                        collection,
                        Map.of(
                                "refunds.txt",
                                "Refunds are paid back to the original card within 14 days of"
                                        + " the return."));
        awaitIndexed(documents);
        balancer = new RoundRobinBalancer(List.of(port(first), port(second)));
    }

    @AfterAll
    void stop() {
        if (balancer != null) {
            balancer.close();
        }
        for (ConfigurableApplicationContext instance :
                new ConfigurableApplicationContext[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
        ollama.close();
    }

    @Test
    void aQuestionPostedToOneInstanceStreamsFromTheOther() {
        FormSession page = new FormSession(balancer.port());
        assertThat(page.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).statusCode())
                .isEqualTo(302);
        String token = page.csrfToken("/?collection=" + collection);

        HttpResponse<String> posted =
                page.postForm(
                        "/ui/questions",
                        Map.of("question", "How are refunds paid?", "collection", collection),
                        Map.of("X-CSRF-TOKEN", token, "HX-Request", "true"));
        assertThat(posted.statusCode()).isEqualTo(200);
        Matcher stream = STREAM.matcher(posted.body());
        assertThat(stream.find()).as("the turn fragment %s", posted.body()).isTrue();
        String path = stream.group();
        HttpResponse<String> answer = page.get(path);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Accel-Buffering")).contains("no");
        assertThat(answer.body())
                .contains("event:passages", "event:token", "event:done", "14 days")
                .contains(":heartbeat");
        assertThat(instanceOf("POST", "/ui/questions"))
                .as("the post and its stream reach different instances")
                .isNotEqualTo(instanceOf("GET", path));
        // taken once: opened again (on the other instance), it is gone
        assertThat(page.get(path).body()).contains("This question expired");

        long[] split = balancer.split();
        System.out.printf(
                "two-instance test: %d requests, instance 1 served %d, instance 2 served %d%n",
                split[0] + split[1], split[0], split[1]);
        assertThat(split[0]).isPositive();
        assertThat(split[1]).isPositive();
    }

    @Test
    void theRestStreamPassesTheBalancerUnbufferedWithHeartbeats() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + balancer.port()
                                                                + "/api/ask/stream"))
                                        .header("Authorization", TestUsers.admin())
                                        .header("Content-Type", "application/json")
                                        .header("Accept", "text/event-stream")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"question\": \"How are refunds"
                                                                + " paid?\", \"collection\": \""
                                                                + collection
                                                                + "\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Accel-Buffering")).contains("no");
        assertThat(response.body()).contains(":heartbeat", "event:token", "event:done", "ANSWERED");
    }

    private int instanceOf(String method, String path) {
        return balancer.served().stream()
                .filter(s -> s.method().equals(method) && s.path().equals(path))
                .findFirst()
                .orElseThrow()
                .instance();
    }

    private ConfigurableApplicationContext start(Map<String, Object> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("verity.ingestion.poll-interval", "200ms");
        properties.put("verity.assistant.ollama.base-url", ollama.baseUrl());
        properties.put("verity.assistant.stream-heartbeat", "200ms");
        return new SpringApplicationBuilder(VerityApplication.class)
                .run(TestDatabase.arguments(properties));
    }

    private static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private void awaitIndexed(List<UUID> documents) {
        DocumentCatalog catalog = second.getBean(DocumentCatalog.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!documents.stream()
                .allMatch(
                        id ->
                                catalog.get(id, TestUsers.adminCaller(second)).status()
                                        == DocumentStatus.INDEXED)) {
            assertThat(System.nanoTime()).as("documents indexed in time").isLessThan(deadline);
            com.verity.support.VerityApi.sleep(200);
        }
    }
}
