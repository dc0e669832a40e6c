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
 * {@code /api/ps}, {@code POST /api/show}, {@code POST /api/chat}, streamed {@code POST /api/pull}
 * and {@code POST /api/create}, and {@code DELETE /api/delete} answer with Ollama's shapes, status
 * codes and error messages, on 127.0.0.1 and a free port.
 *
 * <p>A pull fetches any name from the emulated registry unless {@link #registry} limits it; its
 * progress streams in {@link #PULL_STEPS} steps per layer, {@link #pullStepDelay} apart. A model
 * that answered a chat is loaded ({@code /api/ps}) until {@link #unload}.
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
    private final List<String> loaded = new CopyOnWriteArrayList<>();
    private volatile List<String> registry;
    private volatile Duration pullStepDelay = Duration.ZERO;
    private volatile boolean stallPulls;
    private final List<Map<String, Object>> createRequests = new CopyOnWriteArrayList<>();

    /** Progress lines a pull sends per layer, before the layer is done. */
    public static final int PULL_STEPS = 5;

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

    /**
     * The names a pull can fetch (none given: any, the default); others fail as an unknown manifest
     * does.
     */
    public OllamaEmulator registry(String... names) {
        registry =
                names.length == 0
                        ? null
                        : java.util.Arrays.stream(names).map(PulledModels::fullName).toList();
        return this;
    }

    /** Pulls send their first line and then nothing, until {@link #reset}. */
    public OllamaEmulator stallPulls() {
        stallPulls = true;
        return this;
    }

    /** The pause between a pull's progress lines, to watch a pull's progress. */
    public OllamaEmulator pullStepDelay(Duration delay) {
        pullStepDelay = delay;
        return this;
    }

    /** The names of the models Ollama has now, with their tags. */
    public List<String> pulledNames() {
        return models.names();
    }

    /** What the named model's {@code /api/show} details say: quantization, parent. */
    public Map<String, Object> details(String name) {
        return models.find(name)
                .map(
                        m ->
                                object(
                                        "quantization_level",
                                        m.quantizationLevel(),
                                        "parent_model",
                                        m.parent()))
                .orElseThrow();
    }

    /** Every {@code /api/create} request received, as sent. */
    public List<Map<String, Object>> createRequests() {
        return List.copyOf(createRequests);
    }

    /** Marks models loaded in memory, as {@code /api/ps} lists them. */
    public OllamaEmulator load(String... names) {
        for (String name : names) {
            String full = PulledModels.fullName(name);
            if (!loaded.contains(full)) {
                loaded.add(full);
            }
        }
        return this;
    }

    /** Unloads every model, as when its keep-alive ends. */
    public OllamaEmulator unload() {
        loaded.clear();
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
        stallPulls = false;
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
            case "GET /api/ps" -> send(exchange, 200, models.running(loaded));
            case "POST /api/show" -> show(exchange);
            case "POST /api/chat" -> chat(exchange);
            case "POST /api/pull" -> pull(exchange);
            case "POST /api/create" -> create(exchange);
            case "DELETE /api/delete" -> delete(exchange);
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

    private static String modelOf(Map<?, ?> request) {
        Object model = request.get("model") != null ? request.get("model") : request.get("name");
        return model == null ? "" : model.toString();
    }

    /** Streams a pull's progress as Ollama does: manifest, each layer's bytes, digest, success. */
    private void pull(HttpExchange exchange) throws IOException, InterruptedException {
        Map<?, ?> request = JSON.readValue(exchange.getRequestBody(), Map.class);
        String model = modelOf(request);
        if (model.isBlank()) {
            send(exchange, 400, object("error", "model is required"));
            return;
        }
        String full = PulledModels.fullName(model);
        try (ChatReply.Lines lines = ChatReply.Lines.open(exchange)) {
            lines.write(object("status", "pulling manifest"));
            if (stallPulls) {
                hungRequests.await();
                return;
            }
            List<String> known = registry;
            if (known != null && !known.contains(full)) {
                lines.write(object("error", "pull model manifest: file does not exist"));
                return;
            }
            long[] layers = {4_113_289_792L, 12_403L};
            for (long total : layers) {
                String digest = "sha256:" + PulledModels.digest(full + total);
                String status = "pulling " + digest.substring(7, 19);
                for (int step = 0; step <= PULL_STEPS; step++) {
                    Thread.sleep(pullStepDelay.toMillis());
                    lines.write(
                            object(
                                    "status", status,
                                    "digest", digest,
                                    "total", total,
                                    "completed", total * step / PULL_STEPS));
                }
            }
            lines.write(object("status", "verifying sha256 digest"));
            lines.write(object("status", "writing manifest"));
            synchronized (this) {
                models = models.with(PulledModels.Model.pulled(full));
            }
            lines.write(object("status", "success"));
        }
    }

    /** Ollama's create API: a new model from {@code from}, with adapters, system, quantize. */
    private void create(HttpExchange exchange) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> request = JSON.readValue(exchange.getRequestBody(), Map.class);
        createRequests.add(request);
        String model = modelOf(request);
        Object from = request.get("from");
        if (model.isBlank()) {
            send(exchange, 400, object("error", "model is required"));
            return;
        }
        try (ChatReply.Lines lines = ChatReply.Lines.open(exchange)) {
            java.util.Optional<PulledModels.Model> base =
                    from == null ? java.util.Optional.empty() : models.find(from.toString());
            if (base.isEmpty()) {
                lines.write(object("error", "model '" + from + "' not found"));
                return;
            }
            lines.write(
                    object(
                            "status",
                            "using existing layer sha256:"
                                    + PulledModels.digest(base.get().name())));
            if (request.get("adapters") instanceof Map<?, ?> adapters) {
                for (Object digest : adapters.values()) {
                    lines.write(object("status", "using existing layer " + digest));
                }
            }
            Object quantize = request.get("quantize");
            if (quantize != null) {
                lines.write(object("status", "quantizing F16 model to " + quantize));
            }
            if (request.get("system") != null || request.get("parameters") != null) {
                lines.write(
                        object(
                                "status",
                                "creating new layer sha256:" + PulledModels.digest(model)));
            }
            lines.write(object("status", "writing manifest"));
            synchronized (this) {
                models =
                        models.with(
                                base.get()
                                        .named(
                                                model,
                                                quantize == null ? null : quantize.toString(),
                                                base.get().name()));
            }
            lines.write(object("status", "success"));
        }
    }

    private void delete(HttpExchange exchange) throws IOException {
        Map<?, ?> request = JSON.readValue(exchange.getRequestBody(), Map.class);
        String model = modelOf(request);
        synchronized (this) {
            if (!models.has(model)) {
                send(exchange, 404, object("error", "model '" + model + "' not found"));
                return;
            }
            models = models.without(model);
        }
        loaded.remove(PulledModels.fullName(model));
        exchange.sendResponseHeaders(200, -1);
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
            load(call.model());
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
