package com.verity.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of work in progress, as db-scheduler does for its executions: a worker holds a
 * row for a short lease, and while it runs its lease is renewed three times per lease, so a live
 * worker keeps its work however long it takes, and a dead one's work is free within one lease.
 * Renewals run on one thread of their own, apart from the work they keep.
 */
@Component
public class Heartbeats implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    /** Renewals per lease: two may fail (a busy database) before the lease runs out. */
    private static final int BEATS_PER_LEASE = 3;

    private static final long MIN_BEAT_MILLIS = 100;

    /** Ends the renewals of one piece of work. */
    public interface Beat extends AutoCloseable {
        @Override
        void close();
    }

    private final ScheduledExecutorService beats =
            Executors.newSingleThreadScheduledExecutor(
                    work -> {
                        Thread thread = new Thread(work, "lease-heartbeat");
                        thread.setDaemon(true);
                        return thread;
                    });

    /**
     * Renews a lease while the work runs: {@code renew} (which extends the lease by {@code lease}
     * from now, and only while the row is still the worker's) runs every third of the lease until
     * the returned beat is closed.
     */
    public Beat keep(Duration lease, Runnable renew) {
        long every = Math.max(lease.toMillis() / BEATS_PER_LEASE, MIN_BEAT_MILLIS);
        ScheduledFuture<?> beating =
                beats.scheduleWithFixedDelay(
                        () -> {
                            try {
                                renew.run();
                            } catch (RuntimeException e) {
                                // The next beat tries again; when all fail the lease runs out and
                                // the work's own commit finds it no longer holds the row.
                                log.warn("Could not renew a lease", e);
                            }
                        },
                        every,
                        every,
                        TimeUnit.MILLISECONDS);
        return () -> beating.cancel(false);
    }

    @Override
    public void destroy() {
        beats.shutdownNow();
    }
}
