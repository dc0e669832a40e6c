package com.verity.assistant;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ollama's model management that LangChain4j does not cover: {@code /api/pull} and {@code
 * /api/create}, whose progress streams as NDJSON lines ({@code {"status", "digest", "total",
 * "completed"}}, an {@code {"error"}} line when it fails, {@code {"status":"success"}} at the end).
 * Written against the JDK's HTTP client because LangChain4j's {@code OllamaModels} only lists,
 * shows and deletes models. A stream that sends no line for {@code
 * verity.assistant.ollama.pull-idle-timeout} is given up (the job fails saying so), as a stalled
 * download would otherwise hold its job for ever.
 */
@Component
class OllamaManagement {

    /** One progress line: what Ollama is doing, and bytes done of the current layer if any. */
    record Progress(String status, Long completed, Long total) {}

    /** Ollama refused or failed the operation; its message is meant for the admin who asked. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private static final ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(
                    task -> {
                        Thread thread = new Thread(task, "ollama-management-watchdog");
                        thread.setDaemon(true);
                        return thread;
                    });

    private final AssistantProperties.Ollama ollama;
    private final ModelServer server;
    private final JsonMapper json;
    private final HttpClient http;

    OllamaManagement(AssistantProperties properties, JsonMapper json) {
        this.ollama = properties.ollama();
        this.server = ModelServer.ollama(ollama.baseUrl());
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(ollama.connectTimeout()).build();
    }

    /** Pulls {@code model}, telling {@code progress} each line; returns when Ollama has it. */
    void pull(String model, Consumer<Progress> progress) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("name", model); // Ollama before 0.5 reads the name
        body.put("stream", true);
        post("/api/pull", body, model, progress);
    }

    /**
     * Creates {@code model} from a base model with Ollama's create API: {@code from}, and any of
     * {@code adapters} (file name to blob digest), {@code system}, {@code parameters}, {@code
     * quantize}.
     */
    void create(Map<String, Object> request, Consumer<Progress> progress) {
        Map<String, Object> body = new LinkedHashMap<>(request);
        body.put("stream", true);
        post("/api/create", body, String.valueOf(request.get("model")), progress);
    }

    private void post(
            String path, Map<String, Object> body, String model, Consumer<Progress> progress) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(ollama.baseUrl().replaceAll("/+$", "") + path))
                        .timeout(ollama.firstTokenTimeout())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw ModelUnavailableException.classify(e, model, server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("Interrupted before Ollama answered.");
        }
        AtomicLong lastLine = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        InputStream stream = response.body();
        ScheduledFuture<?> watch =
                WATCHDOG.scheduleWithFixedDelay(
                        () -> {
                            if (System.nanoTime() - lastLine.get() > idle().toNanos()) {
                                stalled.set(true);
                                closeQuietly(stream);
                            }
                        },
                        checkEvery(),
                        checkEvery(),
                        TimeUnit.MILLISECONDS);
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            if (response.statusCode() >= 300) {
                throw new Failed(errorOf(lines, response.statusCode()));
            }
            String line;
            boolean succeeded = false;
            while ((line = lines.readLine()) != null) {
                lastLine.set(System.nanoTime());
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                if (node.hasNonNull("error")) {
                    throw new Failed(node.get("error").asString());
                }
                String status = node.path("status").asString("");
                progress.accept(
                        new Progress(
                                status,
                                node.hasNonNull("completed")
                                        ? node.get("completed").asLong()
                                        : null,
                                node.hasNonNull("total") ? node.get("total").asLong() : null));
                succeeded |= "success".equals(status);
            }
            if (!succeeded) {
                throw new Failed(
                        stalled.get()
                                ? stalledMessage()
                                : "Ollama ended the stream without reporting success.");
            }
        } catch (IOException e) {
            throw new Failed(
                    stalled.get()
                            ? stalledMessage()
                            : "The connection to Ollama broke off: " + e.getMessage());
        } catch (JacksonException e) {
            throw new Failed("Ollama sent a line that is not JSON: " + e.getOriginalMessage());
        } finally {
            watch.cancel(false);
        }
    }

    private Duration idle() {
        return ollama.pullIdleTimeout();
    }

    /** A quarter of the idle time, between a second and half a minute. */
    private long checkEvery() {
        return Math.max(1000, Math.min(30_000, idle().toMillis() / 4));
    }

    private String stalledMessage() {
        return "Ollama sent no progress for %s; the job was given up, start it again."
                .formatted(idle().toString().substring(2).toLowerCase(Locale.ROOT));
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the reader sees the stream end and the job fails as stalled
        }
    }

    private String errorOf(BufferedReader lines, int status) throws IOException {
        StringBuilder text = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null && text.length() < 2000) {
            text.append(line);
        }
        try {
            JsonNode node = json.readTree(text.toString());
            if (node.hasNonNull("error")) {
                return node.get("error").asString();
            }
        } catch (JacksonException notJson) {
            // fall through to the status
        }
        return "Ollama answered HTTP " + status + ".";
    }
}
