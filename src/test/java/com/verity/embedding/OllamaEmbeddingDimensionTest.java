package com.verity.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.verity.VerityApplication;
import com.verity.support.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Choosing an Ollama embedding model whose vectors do not fit the schema stops the service at
 * start-up with a message that says what to do, through the real LangChain4j Ollama client against
 * a stand-in for Ollama's {@code /api/embed}.
 */
class OllamaEmbeddingDimensionTest {

    private HttpServer ollama;
    private final AtomicReference<String> lastRequest = new AtomicReference<>();

    @BeforeEach
    void startOllama() throws IOException {
        ollama = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ollama.createContext(
                "/api/embed",
                exchange -> {
                    lastRequest.set(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
                    byte[] body = embeddingResponse(768).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        ollama.start();
    }

    @AfterEach
    void stopOllama() {
        ollama.stop(0);
    }

    @Test
    void aModelOfAnotherDimensionIsRefusedAtStartUpWithWhatToDo() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.standaloneProperties());
        properties.put("server.port", "0");
        properties.put("verity.ingestion.workers", "0");
        properties.put("verity.embedding.provider", "ollama");
        properties.put("verity.embedding.ollama.model", "nomic-embed-text");
        properties.put(
                "verity.embedding.ollama.base-url",
                "http://127.0.0.1:" + ollama.getAddress().getPort());

        assertThatThrownBy(
                        () ->
                                new SpringApplicationBuilder(VerityApplication.class)
                                        .run(TestDatabase.arguments(properties))
                                        .close())
                .rootCause()
                .hasMessageContaining("ollama:nomic-embed-text produces 768-dimensional vectors")
                .hasMessageContaining("vector(384)")
                .hasMessageContaining("embedding_dimension=768");
        assertThat(lastRequest.get()).contains("\"model\"").contains("nomic-embed-text");
    }

    private static String embeddingResponse(int dimension) {
        StringJoiner vector = new StringJoiner(",", "[", "]");
        for (int i = 0; i < dimension; i++) {
            vector.add(Float.toString(1f / dimension));
        }
        return "{\"model\":\"nomic-embed-text\",\"embeddings\":[" + vector + "]}";
    }
}
