package com.verity.support;

import static com.verity.support.OllamaEmulator.JSON;
import static com.verity.support.OllamaEmulator.object;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible inference server (as vLLM, llama.cpp server or LM Studio serve one), in
 * process, for tests: {@code GET /v1/models} and {@code POST /v1/chat/completions}, streamed as
 * server-sent events ({@code data: {chunk}} lines, a last chunk with {@code usage}, {@code data:
 * [DONE]}) or answered whole, with the API's error shape for an unknown model. Replies come from a
 * responder, as the Ollama emulator's do.
 */
public final class OpenAiEmulator implements AutoCloseable {

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<ChatCall> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile List<String> served = List.of();
    private volatile Function<ChatCall, String> responder = new FirstPassageResponder();

    private OpenAiEmulator() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    public static OpenAiEmulator start() {
        return new OpenAiEmulator();
    }

    /** The API's address, ending in /v1, as a backend's base-url takes it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public OpenAiEmulator serving(String... models) {
        served = List.of(models);
        return this;
    }

    public OpenAiEmulator respondWith(Function<ChatCall, String> reply) {
        responder = reply;
        return this;
    }

    public List<ChatCall> chatCalls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /v1/models" -> models(exchange);
                case "POST /v1/chat/completions" -> chat(exchange);
                default -> error(exchange, 404, "Not Found", "NotFoundError");
            }
        } catch (RuntimeException e) {
            if (exchange.getResponseCode() == -1) {
                error(exchange, 500, String.valueOf(e), "InternalServerError");
            }
        } finally {
            exchange.close();
        }
    }

    private void models(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> data = new ArrayList<>();
        for (String model : served) {
            data.add(
                    object(
                            "id",
                            model,
                            "object",
                            "model",
                            "created",
                            1_733_000_000L,
                            "owned_by",
                            "vllm",
                            "max_model_len",
                            16_384));
        }
        send(exchange, 200, object("object", "list", "data", data));
    }

    private void chat(HttpExchange exchange) throws IOException {
        Map<?, ?> request = JSON.readValue(exchange.getRequestBody(), Map.class);
        String model = String.valueOf(request.get("model"));
        List<ChatCall.Message> messages = new ArrayList<>();
        if (request.get("messages") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> message) {
                    messages.add(
                            new ChatCall.Message(
                                    String.valueOf(message.get("role")),
                                    text(message.get("content"))));
                }
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (String option :
                List.of("temperature", "top_p", "max_tokens", "max_completion_tokens")) {
            if (request.get(option) != null) {
                options.put(option, request.get(option));
            }
        }
        boolean stream = Boolean.TRUE.equals(request.get("stream"));
        ChatCall call = ChatCall.received(model, messages, options, stream);
        calls.add(call);
        if (!served.contains(model)) {
            error(exchange, 404, "The model `" + model + "` does not exist.", "NotFoundError");
            return;
        }
        String reply = responder.apply(call);
        List<String> tokens = ChatReply.tokens(reply);
        Map<String, Object> usage =
                object(
                        "prompt_tokens", call.promptTokens(),
                        "completion_tokens", tokens.size(),
                        "total_tokens", call.promptTokens() + tokens.size());
        if (!stream) {
            send(
                    exchange,
                    200,
                    object(
                            "id",
                            "chatcmpl-emulated",
                            "object",
                            "chat.completion",
                            "created",
                            System.currentTimeMillis() / 1000,
                            "model",
                            model,
                            "choices",
                            List.of(
                                    object(
                                            "index",
                                            0,
                                            "message",
                                            object("role", "assistant", "content", reply),
                                            "finish_reason",
                                            "stop")),
                            "usage",
                            usage));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String token : tokens) {
            event(out, chunk(model, object("content", token), null, null));
        }
        event(out, chunk(model, object(), "stop", null));
        event(out, chunk(model, null, null, usage));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Map<String, Object> chunk(
            String model, Map<String, Object> delta, String finish, Map<String, Object> usage) {
        Map<String, Object> chunk =
                object(
                        "id",
                        "chatcmpl-emulated",
                        "object",
                        "chat.completion.chunk",
                        "created",
                        System.currentTimeMillis() / 1000,
                        "model",
                        model);
        List<Map<String, Object>> choices = new ArrayList<>();
        if (delta != null) {
            Map<String, Object> choice = object("index", 0, "delta", delta);
            choice.put("finish_reason", finish);
            choices.add(choice);
        }
        chunk.put("choices", choices);
        if (usage != null) {
            chunk.put("usage", usage);
        }
        return chunk;
    }

    /** A message's content: a string, or a list of parts of which the text ones count. */
    private static String text(Object content) {
        if (content instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && map.get("text") != null) {
                    text.append(map.get("text"));
                }
            }
            return text.toString();
        }
        return content == null ? "" : content.toString();
    }

    private static void event(OutputStream out, Map<String, Object> data) throws IOException {
        out.write(
                ("data: " + JSON.writeValueAsString(data) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void error(HttpExchange exchange, int status, String message, String type)
            throws IOException {
        send(
                exchange,
                status,
                object("error", object("message", message, "type", type, "code", status)));
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
