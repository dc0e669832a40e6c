package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import com.verity.web.ProblemException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams answers as Server-Sent Events for every client ({@link AnswerEncoder}): one thread pool
 * ({@code answerStreamThreads}), one timeout (a question's longest wait for a slot plus the model's
 * longest answer, and a margin), a heartbeat comment when nothing was sent for a while, and {@code
 * X-Accel-Buffering: no} so proxies pass each event on at once. A client that leaves abandons its
 * answer; an answer that fails ends with the encoder's problem, never with the exception's text.
 */
@Component
public class AnswerStreams {

    private static final Logger log = LoggerFactory.getLogger(AnswerStreams.class);

    private final Assistant assistant;
    private final ThreadPoolTaskExecutor threads;
    private final AssistantProperties properties;
    private final GenerationSlots slots;
    private final JsonMapper json;
    private final ScheduledThreadPoolExecutor heartbeats;

    AnswerStreams(
            Assistant assistant,
            ThreadPoolTaskExecutor answerStreamThreads,
            AssistantProperties properties,
            GenerationSlots slots,
            JsonMapper json) {
        this.assistant = assistant;
        this.threads = answerStreamThreads;
        this.properties = properties;
        this.slots = slots;
        this.json = json;
        this.heartbeats =
                new ScheduledThreadPoolExecutor(
                        1,
                        runnable -> {
                            Thread thread = new Thread(runnable, "answer-heartbeat");
                            thread.setDaemon(true);
                            return thread;
                        });
        // a finished stream's beat leaves the queue at once, not when it would have fired
        heartbeats.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts answering a checked question on a stream thread and returns the stream; 429 with
     * {@code Retry-After}, before anything is streamed, when the generation slots' line is full or
     * every stream thread is busy.
     */
    public ResponseEntity<SseEmitter> stream(Question question, AnswerEncoder encoder) {
        slots.checkRoom();
        Stream stream = new Stream(new SseEmitter(properties.answerDeadline().toMillis()));
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
        Stream stream = new Stream(new SseEmitter(properties.answerDeadline().toMillis()));
        problemQuietly(encoder, stream, problem);
        stream.close();
        return stream.response();
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
            problemQuietly(encoder, stream, AssistantException.answerFailed());
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

    /**
     * One client's stream: one event at a time; a heartbeat comment when nothing was sent for a
     * heartbeat interval, skipped while an event is being written (a slow client holds up only its
     * own stream, not the others' heartbeats).
     */
    private final class Stream implements AnswerEncoder.StreamSink {

        private final SseEmitter emitter;
        private final ReentrantLock sending = new ReentrantLock();
        private final long every;
        private final ScheduledFuture<?> heartbeat;
        private volatile boolean closed;
        private volatile long sentAt = System.nanoTime();

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
            emitter.onTimeout(this::close);
            emitter.onError(failure -> markClosed());
            this.every = properties.streamHeartbeat().toNanos();
            this.heartbeat =
                    heartbeats.scheduleWithFixedDelay(
                            this::beat, every, every, TimeUnit.NANOSECONDS);
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
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(name);
            send(
                    data instanceof String text
                            ? event.data(text)
                            : event.data(data, MediaType.APPLICATION_JSON));
        }

        /**
         * Written as {@code data: <text>} with the space OpenAI's streams have: Spring's builder
         * writes {@code data:<text>}, which the format allows but clients that split on {@code
         * "data: "} do not read.
         */
        @Override
        public void data(Object data) {
            send(RawEvent.data(data instanceof String text ? text : json.writeValueAsString(data)));
        }

        private void send(SseEmitter.SseEventBuilder event) {
            sending.lock();
            try {
                write(event);
            } finally {
                sending.unlock();
            }
        }

        /** Holding the lock. */
        private void write(SseEmitter.SseEventBuilder event) {
            if (closed) {
                throw new ClientGone(null);
            }
            try {
                emitter.send(event);
                sentAt = System.nanoTime();
            } catch (IOException | IllegalStateException e) {
                markClosed();
                throw new ClientGone(e);
            }
        }

        private void beat() {
            if (System.nanoTime() - sentAt < every || !sending.tryLock()) {
                return;
            }
            try {
                write(SseEmitter.event().comment("heartbeat"));
            } catch (ClientGone e) {
                heartbeat.cancel(false);
            } finally {
                sending.unlock();
            }
        }

        private void markClosed() {
            closed = true;
            heartbeat.cancel(false);
        }

        void close() {
            sending.lock();
            try {
                if (!closed) {
                    closed = true;
                    emitter.complete();
                }
            } finally {
                sending.unlock();
            }
            heartbeat.cancel(false);
        }
    }

    /** The client closed the stream; the answer is abandoned. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super(cause);
        }
    }
}
