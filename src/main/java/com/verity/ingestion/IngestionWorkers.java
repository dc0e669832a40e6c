package com.verity.ingestion;

import com.verity.jobs.Heartbeats;
import com.verity.jobs.WorkerNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Background threads that take documents off the queue and index them, so uploads never wait for
 * parsing or embedding. Woken at once by uploads to this instance; otherwise they poll, which also
 * picks up work uploaded to other instances and documents whose worker died.
 */
@Component
class IngestionWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestionWorkers.class);

    private final IngestionQueue queue;
    private final DocumentProcessor processor;
    private final IngestionProperties properties;
    private final Heartbeats heartbeats;
    private final String instance = WorkerNames.newInstance();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    IngestionWorkers(
            IngestionQueue queue,
            DocumentProcessor processor,
            IngestionProperties properties,
            Heartbeats heartbeats) {
        this.queue = queue;
        this.processor = processor;
        this.properties = properties;
        this.heartbeats = heartbeats;
    }

    /** Tells idle workers that new documents are waiting. */
    void wake() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        if (properties.workers() > 0) {
            int released = queue.releaseEnded();
            if (released > 0) {
                log.info(
                        "{} documents held by ended instances of this host are taken over",
                        released);
            }
        }
        for (int i = 0; i < properties.workers(); i++) {
            String worker = instance + "#" + i;
            Thread thread = new Thread(() -> loop(worker), "ingest-" + i);
            thread.start();
            threads.add(thread);
        }
        log.info("{} ingestion workers started ({})", properties.workers(), instance);
    }

    private void loop(String worker) {
        while (running) {
            try {
                Optional<IngestionQueue.Claimed> claimed = queue.claim(worker);
                if (claimed.isPresent()) {
                    try (Heartbeats.Beat beat =
                            heartbeats.keep(properties.lease(), () -> queue.renew(claimed.get()))) {
                        processor.process(claimed.get());
                    }
                } else {
                    idle();
                }
            } catch (RuntimeException e) {
                log.warn("Ingestion worker {} hit an error; retrying shortly", worker, e);
                idle();
            }
        }
    }

    private void idle() {
        lock.lock();
        try {
            work.await(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        running = false;
        wake();
        for (Thread thread : threads) {
            try {
                thread.join(properties.parseTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        for (int i = 0; i < properties.workers(); i++) {
            queue.release(instance + "#" + i);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
