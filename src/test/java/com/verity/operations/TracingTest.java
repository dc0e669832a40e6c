package com.verity.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an OTLP endpoint set, an answer's trace reaches the collector (received here as OTLP/HTTP
 * protobuf) with spans for retrieval, prompt building, the model call and the citation check, in
 * the request's trace, the streamed answer's too.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final List<Span> received = new CopyOnWriteArrayList<>();
    static final HttpServer collector = collector();

    @DynamicPropertySource
    static void exportTraces(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add(
                "management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    }

    @Autowired VerityApi api;

    @AfterAll
    void stop() {
        collector.stop(0);
        ollama.close();
    }

    @Test
    void aStreamedAnswersStepsAreSpansOfItsRequestsTrace() {
        ollama.pulled("mistral").respondWith(new FirstPassageResponder());
        String collection = api.newCollection("traces");
        api.indexed(
                collection,
                Map.of(
                        "refunds.txt",
                        "Refunds are paid back to the original card within 14 days of the return."));
        received.clear();

        List<VerityApi.Event> events =
                api.events(
                        "/api/ask/stream",
                        Map.of("question", "How are refunds paid?", "collection", collection));
        assertThat(events).extracting(VerityApi.Event::name).contains("done");

        Set<String> steps = Set.of("retrieval", "prompt building", "model call", "citation check");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!names().containsAll(steps) && System.nanoTime() < deadline) {
            VerityApi.sleep(100);
        }
        assertThat(names()).containsAll(steps);
        Span request =
                received.stream()
                        .filter(s -> s.getName().contains("/api/ask/stream"))
                        .findFirst()
                        .orElseThrow();
        assertThat(
                        received.stream()
                                .filter(s -> steps.contains(s.getName()))
                                .map(s -> s.getTraceId())
                                .distinct())
                .as("every step in the request's trace")
                .containsExactly(request.getTraceId());
        assertThat(
                        received.stream()
                                .filter(s -> s.getName().equals("model call"))
                                .flatMap(s -> s.getAttributesList().stream())
                                .filter(a -> a.getKey().equals("model"))
                                .map(a -> a.getValue().getStringValue()))
                .contains("mistral");
    }

    private static Set<String> names() {
        return received.stream().map(Span::getName).collect(Collectors.toSet());
    }

    /** An OTLP/HTTP trace receiver, as a collector is. */
    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(
                    "/v1/traces",
                    exchange -> {
                        try (exchange) {
                            ExportTraceServiceRequest request =
                                    ExportTraceServiceRequest.parseFrom(
                                            exchange.getRequestBody().readAllBytes());
                            request.getResourceSpansList()
                                    .forEach(
                                            resource ->
                                                    resource.getScopeSpansList()
                                                            .forEach(
                                                                    scope ->
                                                                            received.addAll(
                                                                                    scope
                                                                                            .getSpansList())));
                            exchange.getResponseHeaders()
                                    .add("Content-Type", "application/x-protobuf");
                            exchange.sendResponseHeaders(200, -1);
                        }
                    });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
