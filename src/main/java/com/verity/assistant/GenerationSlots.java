package com.verity.assistant;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds the model calls running at once (Ollama on CPU serves a few at a time; more only queue
 * inside it, past every timeout). A question waits for a free slot in a bounded line; when the line
 * is full it is refused at once with 429, and when its wait runs out with 503, both with a
 * Retry-After that says when to come back.
 */
@Component
class GenerationSlots {

    /** A held slot; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** How often background work looks again for a slot that questions leave free. */
    private static final long BACKGROUND_POLL_MILLIS = 25;

    private final Semaphore running;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger background = new AtomicInteger();
    private final int maxWaiting;
    private final Duration maxWait;
    private final int slots;

    GenerationSlots(AssistantProperties properties) {
        this.slots = properties.maxConcurrentGenerations();
        this.running = new Semaphore(slots, true);
        this.maxWaiting = properties.maxWaiting();
        this.maxWait = properties.maxWait();
    }

    /**
     * Throws the 429 {@link #acquire} would throw now, when every slot is busy and the line is
     * full: a stream checks this before it answers 200, so its caller gets the status, not an error
     * event.
     */
    void checkRoom() {
        if (running.availablePermits() == 0 && waiting.get() >= maxWaiting) {
            throw lineFull();
        }
    }

    /** Takes a slot, waiting in line if need be; throws the problem to answer with otherwise. */
    Slot acquire() {
        if (running.tryAcquire()) {
            return running::release;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw lineFull();
        }
        try {
            if (running.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return running::release;
            }
            throw AssistantException.busy(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "No answer slot became free within %s.".formatted(maxWait),
                    retryAfterSeconds());
        } catch (InterruptedException e) {
            throw interrupted();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /**
     * Takes a slot for background work (an evaluation): only while no question waits for one and
     * fewer than {@code share} of the slots (at least one) hold background work, so questions keep
     * priority. Waits in small steps up to the wait limit; throws busy (503) when none came free.
     */
    Slot acquireBackground(double share) {
        int most = Math.max(1, (int) Math.floor(slots * share));
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            if (waiting.get() == 0) {
                if (background.incrementAndGet() <= most && running.tryAcquire()) {
                    return () -> {
                        background.decrementAndGet();
                        running.release();
                    };
                }
                background.decrementAndGet();
            }
            if (System.nanoTime() > deadline) {
                throw AssistantException.busy(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "No answer slot was free for background work within %s.".formatted(maxWait),
                        retryAfterSeconds());
            }
            try {
                Thread.sleep(BACKGROUND_POLL_MILLIS);
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }
    }

    private AssistantException interrupted() {
        Thread.currentThread().interrupt();
        return AssistantException.busy(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The wait for an answer slot was interrupted.",
                retryAfterSeconds());
    }

    private AssistantException lineFull() {
        return AssistantException.busy(
                HttpStatus.TOO_MANY_REQUESTS,
                "All %d answer slots are busy and %d questions are already waiting."
                        .formatted(slots, maxWaiting),
                retryAfterSeconds());
    }

    int inUse() {
        return slots - running.availablePermits();
    }

    int waiting() {
        return waiting.get();
    }

    /** A guess at when a slot frees up: a share of the wait limit, at least a few seconds. */
    private long retryAfterSeconds() {
        return Math.max(5, maxWait.toSeconds() / 4);
    }
}
