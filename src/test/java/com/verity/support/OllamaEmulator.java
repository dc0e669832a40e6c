package com.verity.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ollama's HTTP API, in-process, for tests: {@code GET /}, {@code /api/version}, {@code /api/tags},
 * {@code POST /api/show} and {@code POST /api/chat} answer with Ollama's shapes, status codes and
 * error messages, on 127.0.0.1 and a free port.
 *
 * <p>Chat replies come from a responder ({@link #respondWith}) and stream word by word as NDJSON.
 * The failure modes {@link #failWith}, {@link #delayFirstToken}, {@link #delayBetweenTokens} and
 * {@link #hang} affect {@code /api/chat} only, like a busy or slow model behind a live server;
 * {@link #down} stops listening altogether, so clients get "connection refused". {@link #reset}
 * clears every failure mode, but keeps the pulled models, the responder and the recorded calls.
 */
public final class OllamaEmulator implements AutoCloseable {

    static final String VERSION = "0.12.0";
    static final JsonMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final int BACKLOG = 512;

    private final ExecutorService workers = Executors.newCachedThreadPool(OllamaEmulator::daemon);
    private final List<ChatCall> calls = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;
    private volatile PulledModels models = PulledModels.DEFAULT;
    private volatile Function<ChatCall, String> responder = new FirstPassageResponder();
    private volatile Failure failure;
    private volatile Duration firstTokenDelay = Duration.ZERO;
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile boolean hanging;
    private volatile int disconnectAfter = -1;
    private volatile CountDownLatch hungRequests = new CountDownLatch(1);

    private record Failure(int status, String message) {}

    record ChatRequest(
            String model,
            List<ChatCall.Message> messages,
            Map<String, Object> options,
            Boolean stream) {}

    static {
        // Like Ollama (Go sets TCP_NODELAY on every connection): without it, Nagle's algorithm and
        // delayed ACKs hold small NDJSON lines back ~40 ms on loopback. Read once, when the JDK's
        // server configuration is first loaded.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private OllamaEmulator() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    public static OllamaEmulator start() {
        return new OllamaEmulator();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Which models exist; a name without a tag means {@code :latest}. */
    public OllamaEmulator pulled(String... names) {
        models = PulledModels.of(names);
        return this;
    }

    public OllamaEmulator respondWith(Function<ChatCall, String> reply) {
        responder = reply;
        return this;
    }

    /** Chat requests get this status and {@code {"error": errorMessage}}. */
    public OllamaEmulator failWith(int status, String errorMessage) {
        failure = new Failure(status, errorMessage);
        return this;
    }

    public OllamaEmulator delayFirstToken(Duration delay) {
        firstTokenDelay = delay;
        return this;
    }

    public OllamaEmulator delayBetweenTokens(Duration delay) {
        tokenDelay = delay;
        return this;
    }

    /**
     * Streamed chat replies break off after {@code tokens} tokens: the connection is dropped
     * without Ollama's final line, as when Ollama crashes mid-answer.
     */
    public OllamaEmulator disconnectAfterTokens(int tokens) {
        disconnectAfter = tokens;
        return this;
    }

    /** Chat requests are read and never answered; reset or close drops their connections. */
    public OllamaEmulator hang() {
        hanging = true;
        return this;
    }

    /** Stops listening and drops open connections, as if the Ollama process had died. */
    public synchronized OllamaEmulator down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        return this;
    }

    /** Listens again, on the same port. */
    public synchronized OllamaEmulator up() {
        if (server == null) {
            server = listen(port);
        }
        return this;
    }

    public OllamaEmulator reset() {
        failure = null;
        firstTokenDelay = Duration.ZERO;
        tokenDelay = Duration.ZERO;
        disconnectAfter = -1;
        releaseHungRequests();
        return up();
    }

    /** Every chat request received, in order, answered or not. */
    public List<ChatCall> chatCalls() {
        return List.copyOf(calls);
    }

    public int chatCallCount() {
        return calls.size();
    }

    public void clearCalls() {
        calls.clear();
    }

    @Override
    public void close() {
        releaseHungRequests();
        down();
        workers.shutdownNow();
    }

    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private HttpServer listen(int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), BACKLOG);
            http.createContext("/", this::handle);
            http.setExecutor(workers);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void releaseHungRequests() {
        hanging = false;
        CountDownLatch hung = hungRequests;
        hungRequests = new CountDownLatch(1);
        hung.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean dropped = false;
        try {
            route(exchange, exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        } catch (ChatReply.Disconnect e) {
            // thrown out of the handler, the JDK's server closes the connection mid-response
            dropped = true;
            throw e;
        } catch (JacksonException e) {
            send(exchange, 400, object("error", e.getOriginalMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (exchange.getResponseCode() == -1) {
                send(exchange, 500, object("error", String.valueOf(e)));
            }
        } finally {
            if (!dropped) {
                exchange.close(); // without a response sent, this drops the connection
            }
        }
    }

    private void route(HttpExchange exchange, String route)
            throws IOException, InterruptedException {
        switch (route) {
            case "GET /", "HEAD /" -> sendText(exchange, 200, "Ollama is running");
            case "GET /api/version" -> send(exchange, 200, object("version", VERSION));
            case "GET /api/tags" -> send(exchange, 200, models.tags());
            case "POST /api/show" -> show(exchange);
            case "POST /api/chat" -> chat(exchange);
            default -> sendText(exchange, 404, "404 page not found");
        }
    }

    private void show(HttpExchange exchange) throws IOException {
        Map<?, ?> request = JSON.readValue(exchange.getRequestBody(), Map.class);
        Object model = request.get("model") != null ? request.get("model") : request.get("name");
        if (model == null || model.toString().isBlank()) {
            send(exchange, 400, object("error", "model is required"));
        } else if (!models.has(model.toString())) {
            send(exchange, 404, object("error", "model '" + model + "' not found"));
        } else {
            send(exchange, 200, models.show(model.toString()));
        }
    }

    private void chat(HttpExchange exchange) throws IOException, InterruptedException {
        ChatRequest request = JSON.readValue(exchange.getRequestBody(), ChatRequest.class);
        if (request.model() == null || request.model().isBlank()) {
            send(exchange, 400, object("error", "model is required"));
            return;
        }
        ChatCall call =
                ChatCall.received(
                        request.model(), request.messages(), request.options(), request.stream());
        calls.add(call);
        CountDownLatch hung = hungRequests;
        Failure failed = failure;
        if (hanging) {
            hung.await();
        } else if (failed != null) {
            send(exchange, failed.status(), object("error", failed.message()));
        } else if (!models.has(call.model())) {
            String error = "model \"" + call.model() + "\" not found, try pulling it first";
            send(exchange, 404, object("error", error));
        } else {
            new ChatReply(call, responder.apply(call))
                    .writeTo(exchange, firstTokenDelay, tokenDelay, disconnectAfter);
        }
    }

    static void send(HttpExchange exchange, int status, Map<String, Object> body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sendText(HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "ollama-emulator");
        thread.setDaemon(true);
        return thread;
    }
}
