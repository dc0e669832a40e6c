package com.verity.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /actuator/prometheus} after real traffic: ingestion, searches, answers (streamed and not),
 * a failing model; who may scrape it; and that no tag carries a question or a user.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusMetricsTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final String QUESTION = "How quickly are refunds paid back to the card?";

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi api;
    VerityApi scraper;
    TestAccounts.Account admin;
    String collection;

    @BeforeAll
    void scraperKey() {
        ollama.pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        admin = TestAccounts.create(api, "metrics-admin", List.of("ADMIN"), List.of());
        scraper = admin.withKey(TestAccounts.key(admin, List.of("metrics")));
        collection = api.newCollection("metrics");
    }

    @AfterAll
    void stopEmulator() {
        ollama.close();
    }

    @Test
    void verityMetersCountRealTraffic() {
        Scrape before = scrape();

        api.indexed(
                collection,
                Map.of(
                        "refunds.txt",
                        "Refunds are paid back to the original card within 14 days of the return."));
        api.search(collection, "refunds card", 3);
        assertThat(ask(Map.of()).status().value()).isEqualTo(200);
        List<VerityApi.Event> streamed =
                api.events(
                        "/api/ask/stream", Map.of("question", QUESTION, "collection", collection));
        assertThat(streamed).extracting(VerityApi.Event::name).contains("done");
        ollama.failWith(500, "model runner crashed");
        try {
            assertThat(ask(Map.of()).body()).containsEntry("mode", "PASSAGES_ONLY");
        } finally {
            ollama.reset();
            ollama.pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        }

        Scrape after = scrape();
        assertThat(after.delta(before, "verity_ingestion_documents_total", "status=\"indexed\""))
                .isEqualTo(1);
        assertThat(after.has("verity_ingestion_queue_depth")).isTrue();
        assertThat(after.delta(before, "verity_search_seconds_count", ""))
                .isGreaterThanOrEqualTo(4);
        assertThat(after.has("verity_search_seconds_bucket")).isTrue();
        assertThat(
                        after.delta(
                                before,
                                "verity_answers_total",
                                "mode=\"ANSWERED\",model=\"mistral\""))
                .isEqualTo(2);
        assertThat(
                        after.delta(
                                before,
                                "verity_answers_total",
                                "mode=\"PASSAGES_ONLY\",model=\"mistral\""))
                .isEqualTo(1);
        assertThat(after.delta(before, "verity_answer_seconds_count", "model=\"mistral\""))
                .isEqualTo(3);
        assertThat(
                        after.delta(
                                before,
                                "verity_answer_first_token_seconds_count",
                                "model=\"mistral\""))
                .isEqualTo(2);
        assertThat(after.has("verity_answer_first_token_seconds_bucket")).isTrue();
        assertThat(
                        after.delta(
                                before,
                                "verity_answer_tokens_total",
                                "kind=\"completion\",model=\"mistral\""))
                .isPositive();
        assertThat(
                        after.delta(
                                before,
                                "verity_answer_tokens_total",
                                "kind=\"prompt\",model=\"mistral\""))
                .isPositive();
        assertThat(
                        after.delta(
                                before,
                                "verity_model_errors_total",
                                "model=\"mistral\",reason=\"failed\""))
                .isEqualTo(1);
        assertThat(after.has("verity_reindex_passages_total")).isTrue();
        // beside the JVM, HTTP and connection pool meters
        assertThat(after.has("jvm_memory_used_bytes")).isTrue();
        assertThat(after.has("http_server_requests_seconds_count")).isTrue();
        assertThat(after.has("hikaricp_connections_active")).isTrue();
        // low-cardinality tags only: nothing a caller typed, nobody's name
        assertThat(after.text()).doesNotContain("refunds card", QUESTION, admin.username());
    }

    @Test
    void onlyAdminsAndMetricsKeysMayScrape() {
        assertThat(api.getBytes("/actuator/prometheus").status().value()).isEqualTo(200);
        assertThat(api.as(null).get("/actuator/prometheus").status().value()).isEqualTo(401);
        assertThat(
                        admin.withKey(TestAccounts.key(admin, List.of("read")))
                                .get("/actuator/prometheus")
                                .status()
                                .value())
                .isEqualTo(403);
        TestAccounts.Account agent =
                TestAccounts.create(api, "metrics-agent", List.of("AGENT"), List.of());
        assertThat(agent.api().get("/actuator/prometheus").status().value()).isEqualTo(403);
        assertThat(
                        agent.api()
                                .post(
                                        "/api/api-keys",
                                        Map.of("name", "scrape", "scopes", List.of("metrics")))
                                .status()
                                .value())
                .as("an agent's key may not have the metrics scope")
                .isEqualTo(403);
        // the metrics scope scrapes and does nothing else
        assertThat(scraper.get("/api/collections").status().value()).isEqualTo(403);
        assertThat(scraper.get("/actuator/metrics").status().value()).isEqualTo(403);
    }

    private VerityApi.Reply<Map<String, Object>> ask(Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("question", QUESTION);
        body.put("collection", collection);
        return api.post("/api/ask", body);
    }

    private Scrape scrape() {
        VerityApi.Reply<byte[]> reply = scraper.getBytes("/actuator/prometheus");
        assertThat(reply.status().value()).isEqualTo(200);
        return new Scrape(new String(reply.body(), StandardCharsets.UTF_8));
    }

    /** One scrape in Prometheus's text format. */
    record Scrape(String text) {

        private static final Pattern SAMPLE =
                Pattern.compile(
                        "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)", Pattern.MULTILINE);

        boolean has(String name) {
            Matcher m = SAMPLE.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(name)) {
                    return true;
                }
            }
            return false;
        }

        /** The sum of the samples of {@code name} whose labels contain {@code labels}. */
        double sum(String name, String labels) {
            double sum = 0;
            Matcher m = SAMPLE.matcher(text);
            while (m.find()) {
                String found = m.group(3) == null ? "" : m.group(3);
                if (m.group(1).equals(name) && found.contains(labels)) {
                    sum += Double.parseDouble(m.group(4));
                }
            }
            return sum;
        }

        double delta(Scrape before, String name, String labels) {
            return sum(name, labels) - before.sum(name, labels);
        }
    }
}
