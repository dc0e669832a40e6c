package com.verity.support;

import static com.verity.support.OllamaEmulator.JSON;
import static com.verity.support.OllamaEmulator.object;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The emulated model's answer to one chat call, written the way Ollama writes it: word by word as
 * NDJSON when the call streams, else as one JSON object; either way ending with Ollama's counters.
 * Like Ollama, it stops after {@code num_predict} tokens with {@code "done_reason": "length"}.
 */
final class ChatReply {

    private final long started = System.nanoTime();
    private final ChatCall call;
    private final List<String> tokens;
    private final boolean cut;

    ChatReply(ChatCall call, String text) {
        List<String> words = tokens(text);
        this.call = call;
        this.cut = call.maxTokens() >= 0 && words.size() > call.maxTokens();
        this.tokens = cut ? words.subList(0, call.maxTokens()) : words;
    }

    /** The text's words, each with the spaces before it, as a model streams them. */
    static List<String> tokens(String text) {
        return Arrays.stream(text.split("(?<=\\S)(?=\\s)")).filter(t -> !t.isEmpty()).toList();
    }

    /** Ends a streamed reply abruptly (see {@link OllamaEmulator#disconnectAfterTokens}). */
    static final class Disconnect extends RuntimeException {
        Disconnect() {
            super("emulated disconnect mid-stream");
        }
    }

    /**
     * Writes the reply; a streamed one breaks off after {@code disconnectAfter} tokens (if >= 0).
     */
    void writeTo(
            HttpExchange exchange,
            Duration firstTokenDelay,
            Duration tokenDelay,
            int disconnectAfter)
            throws IOException, InterruptedException {
        Thread.sleep(firstTokenDelay.toMillis());
        long firstToken = System.nanoTime();
        if (!call.stream()) {
            Thread.sleep(tokenDelay.toMillis() * Math.max(0, tokens.size() - 1));
            OllamaEmulator.send(exchange, 200, done(String.join("", tokens), firstToken));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < tokens.size(); i++) {
            if (i == disconnectAfter) {
                throw new Disconnect();
            }
            Thread.sleep(i == 0 ? 0 : tokenDelay.toMillis());
            writeLine(out, message(tokens.get(i), false));
        }
        writeLine(out, done("", firstToken));
    }

    private Map<String, Object> message(String content, boolean done) {
        return object(
                "model", call.model(),
                "created_at", Instant.now().toString(),
                "message", object("role", "assistant", "content", content),
                "done", done);
    }

    private Map<String, Object> done(String content, long firstToken) {
        long now = System.nanoTime();
        Map<String, Object> last = message(content, true);
        last.putAll(
                object(
                        "done_reason", cut ? "length" : "stop",
                        "total_duration", Math.max(1, now - started),
                        "load_duration", 1_000_000L,
                        "prompt_eval_count", call.evaluatedPromptTokens(),
                        "prompt_eval_duration", Math.max(1, firstToken - started),
                        "eval_count", tokens.size(),
                        "eval_duration", Math.max(1, now - firstToken)));
        return last;
    }

    private static void writeLine(OutputStream out, Map<String, Object> line) throws IOException {
        out.write(JSON.writeValueAsBytes(line));
        out.write('\n');
        out.flush();
    }

    /** An NDJSON stream, as Ollama sends a pull's or a create's progress (HTTP 200, then lines). */
    static final class Lines implements AutoCloseable {
        private final OutputStream out;

        private Lines(OutputStream out) {
            this.out = out;
        }

        static Lines open(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            return new Lines(exchange.getResponseBody());
        }

        void write(Map<String, Object> line) throws IOException {
            writeLine(out, line);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
