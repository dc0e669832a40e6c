package com.verity.jobs;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Names that workers write into the rows they hold: {@code pid@host/random}, unique per start. The
 * name tells whether its instance ran on this host in a process that has ended: such a predecessor
 * (this instance before a crash or a kill) cannot be working any more, so what it held is taken
 * over at once instead of when its lease runs out.
 */
public final class WorkerNames {

    private static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName();
    private static final String HOST = PROCESS.substring(PROCESS.indexOf('@') + 1);

    private WorkerNames() {}

    /** A new instance name: this process and host, and a random part (several per process). */
    public static String newInstance() {
        return PROCESS + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Those of the workers that {@linkplain #endedOnThisHost(String) ended on this host}. */
    public static List<String> endedOnThisHost(Collection<String> workers) {
        return workers.stream().filter(WorkerNames::endedOnThisHost).toList();
    }

    /**
     * Whether a worker of that name ran on this host in a process that is no longer alive. False
     * for names of other hosts and for names that are not this class's (another host's process ids
     * say nothing here; a reused process id keeps the lease as it is).
     */
    public static boolean endedOnThisHost(String worker) {
        if (worker == null) {
            return false;
        }
        int at = worker.indexOf('@');
        int slash = worker.indexOf('/', at + 1);
        if (at <= 0 || slash < 0 || !worker.substring(at + 1, slash).equals(HOST)) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(worker.substring(0, at));
        } catch (NumberFormatException notOurs) {
            return false;
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }
}
