package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import com.verity.web.ProblemException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams answers as Server-Sent Events for every client ({@link AnswerEncoder}): one thread pool
 * ({@code answerStreamThreads}), one timeout (a question's longest wait for a slot plus the model's
 * longest answer, and a margin), heartbeat comments while nothing else is sent, and {@code
 * X-Accel-Buffering: no} so proxies pass each event on at once. A client that leaves abandons its
 * answer; an answer that fails ends with the encoder's problem, never with the exception's text.
 */
@Component
public class AnswerStreams {

    private static final Logger log = LoggerFactory.getLogger(AnswerStreams.class);

    private final Assistant assistant;
    private final ThreadPoolTaskExecutor threads;
    private final AssistantProperties properties;
    private final JsonMapper json;
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "answer-heartbeat");
                        thread.setDaemon(true);
                        return thread;
                    });

    AnswerStreams(
            Assistant assistant,
            ThreadPoolTaskExecutor answerStreamThreads,
            AssistantProperties properties,
            JsonMapper json) {
        this.json = json;
        this.assistant = assistant;
        this.threads = answerStreamThreads;
        this.properties = properties;
    }

    /**
     * Starts answering a checked question on a stream thread and returns the stream; 429 with
     * {@code Retry-After} when every stream thread is busy.
     */
    public ResponseEntity<SseEmitter> stream(Question question, AnswerEncoder encoder) {
        Stream stream = new Stream(new SseEmitter(timeout().toMillis()));
        try {
            threads.execute(() -> answer(question, encoder, stream));
        } catch (TaskRejectedException e) {
            stream.close();
            throw AssistantException.busy(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many answers are streaming at once.", 5);
        }
        return stream.response();
    }

    /** A stream that only says why there is no answer (an expired question, say). */
    public ResponseEntity<SseEmitter> problem(ProblemException problem, AnswerEncoder encoder) {
        Stream stream = new Stream(new SseEmitter(timeout().toMillis()));
        try {
            encoder.problem(stream, problem);
        } catch (ClientGone ignored) {
            // nobody is listening
        }
        stream.close();
        return stream.response();
    }

    private Duration timeout() {
        return properties
                .maxWait()
                .plus(properties.ollama().totalTimeout())
                .plus(Duration.ofSeconds(30));
    }

    private void answer(Question question, AnswerEncoder encoder, Stream stream) {
        AnswerListener listener =
                new AnswerListener() {
                    @Override
                    public void onPassages(List<RetrievedPassage> passages) {
                        encoder.passages(stream, passages);
                    }

                    @Override
                    public void onToken(String token) {
                        encoder.token(stream, token);
                    }

                    @Override
                    public void onCitations(List<Citation> citations) {
                        encoder.citations(stream, citations);
                    }

                    @Override
                    public void onEscalation(String model, String reason) {
                        encoder.escalation(stream, model, reason);
                    }
                };
        try {
            encoder.done(stream, assistant.ask(question, listener));
        } catch (ClientGone e) {
            log.debug("Client left the stream of conversation {}", question.conversationId());
        } catch (ProblemException e) {
            problemQuietly(encoder, stream, e);
        } catch (RuntimeException e) {
            log.error("Streamed answer failed", e);
            problemQuietly(
                    encoder,
                    stream,
                    new ProblemException(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "answer-failed",
                            "Answer failed",
                            "The answer could not be completed; try again.") {});
        } finally {
            stream.close();
        }
    }

    private static void problemQuietly(AnswerEncoder encoder, Stream stream, ProblemException e) {
        try {
            encoder.problem(stream, e);
        } catch (ClientGone ignored) {
            // nobody is listening any more
        }
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }

    /** One client's stream: sends one event at a time, heartbeats in between. */
    private final class Stream implements AnswerEncoder.StreamSink {

        private final SseEmitter emitter;
        private final ScheduledFuture<?> heartbeat;
        private boolean closed;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
            emitter.onTimeout(this::close);
            emitter.onError(failure -> markClosed());
            long every = properties.streamHeartbeat().toMillis();
            this.heartbeat =
                    heartbeats.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        ResponseEntity<SseEmitter> response() {
            return ResponseEntity.ok()
                    .header("X-Accel-Buffering", "no")
                    .header("Cache-Control", "no-cache")
                    .contentType(MediaType.TEXT_EVENT_STREAM)
                    .body(emitter);
        }

        @Override
        public void event(String name, Object data) {
            send(withData(SseEmitter.event().name(name), data));
        }

        /**
         * Written as {@code data: <text>} with the space OpenAI's streams have: Spring's builder
         * writes {@code data:<text>}, which the SSE format allows but clients that split on {@code
         * "data: "} do not read.
         */
        @Override
        public void data(Object data) {
            String text = data instanceof String string ? string : json.writeValueAsString(data);
            send(new RawEvent("data: " + text.replace("\n", "\ndata: ") + "\n\n"));
        }

        private static SseEmitter.SseEventBuilder withData(
                SseEmitter.SseEventBuilder event, Object data) {
            return data instanceof String text
                    ? event.data(text)
                    : event.data(data, MediaType.APPLICATION_JSON);
        }

        private synchronized void send(SseEmitter.SseEventBuilder event) {
            if (closed) {
                throw new ClientGone(null);
            }
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException e) {
                closed = true;
                heartbeat.cancel(false);
                throw new ClientGone(e);
            }
        }

        private void beat() {
            try {
                send(SseEmitter.event().comment("heartbeat"));
            } catch (ClientGone e) {
                heartbeat.cancel(false);
            }
        }

        private synchronized void markClosed() {
            closed = true;
            heartbeat.cancel(false);
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                emitter.complete();
            }
            heartbeat.cancel(false);
        }
    }

    /** An event written as it is. */
    private record RawEvent(String text) implements SseEmitter.SseEventBuilder {

        private static final MediaType UTF8_TEXT =
                new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

        @Override
        public java.util.Set<ResponseBodyEmitter.DataWithMediaType> build() {
            return java.util.Set.of(new ResponseBodyEmitter.DataWithMediaType(text, UTF8_TEXT));
        }

        @Override
        public SseEmitter.SseEventBuilder id(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SseEmitter.SseEventBuilder name(String eventName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SseEmitter.SseEventBuilder reconnectTime(long reconnectTimeMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SseEmitter.SseEventBuilder comment(String comment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SseEmitter.SseEventBuilder data(Object object) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SseEmitter.SseEventBuilder data(Object object, MediaType mediaType) {
            throw new UnsupportedOperationException();
        }
    }

    /** The client closed the stream; the answer is abandoned. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super(cause);
        }
    }
}
