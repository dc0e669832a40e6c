package com.verity.ingestion;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * A small pool of parser processes ({@link ParserProcess}): child JVMs with their own heap limit,
 * started on demand, reused for up to {@code max-parses-per-process} documents and killed, with
 * whatever they started (Tesseract), when a parse overruns the timeout or when they crash; at most
 * {@code processes} parse at once. Tika's security guidance for untrusted files is exactly this:
 * parse in a process that can be killed.
 *
 * <p>Why not Tika's {@code ForkParser}: it serializes the parse context and handler to the child,
 * and ours hold the service's embedded-file policy and structure collector, which are not
 * serializable; in its class-loader mode it also ships every Tika class through the pipe from a
 * Spring Boot jar. tika-pipes needs a Tika server layout of its own. The child here runs the very
 * same {@link TikaParse} as in-process parsing, from the service's own classpath, and returns the
 * finished blocks.
 */
@Component
class ParserProcesses implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ParserProcesses.class);

    /** Beyond the parse timeout, for the child to report its own deadline before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final ParserSettings settings;
    private final ParserProperties properties;
    private final Semaphore parsing;
    private final Deque<Child> idle = new ArrayDeque<>();
    private final List<Child> all = new ArrayList<>();
    private final ExecutorService readers = Executors.newCachedThreadPool(daemon("parser-reply-"));
    private final java.util.concurrent.ScheduledExecutorService reaper =
            Executors.newSingleThreadScheduledExecutor(daemon("parser-reaper-"));

    ParserProcesses(ParserSettings settings, ParserProperties properties) {
        this.settings = settings;
        this.properties = properties;
        this.parsing = new Semaphore(properties.processes(), true);
        long every = Math.max(1000, properties.idleTimeout().toMillis() / 2);
        reaper.scheduleWithFixedDelay(this::stopIdle, every, every, TimeUnit.MILLISECONDS);
    }

    private static CustomizableThreadFactory daemon(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }

    /** Parses in a parser process; the document is rejected with a plain reason when it fails. */
    ParsedDocument parse(byte[] bytes, String contentType, String filename) {
        try {
            parsing.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a parser process", e);
        }
        Child child = null;
        boolean reusable = false;
        try {
            child = take();
            ParserProcess.Reply reply =
                    child.call(new ParserProcess.Request(bytes, contentType, filename));
            reusable = true;
            if (reply.rejection() != null) {
                throw new DocumentRejectedException(reply.rejection());
            }
            return reply.parsed();
        } finally {
            if (child != null) {
                if (reusable && child.parses < properties.maxParsesPerProcess()) {
                    giveBack(child);
                } else {
                    stop(child);
                }
            }
            parsing.release();
        }
    }

    private Child take() {
        synchronized (this) {
            Child ready = idle.pollFirst();
            if (ready != null) {
                return ready;
            }
        }
        Child started = start();
        synchronized (this) {
            all.add(started);
        }
        return started;
    }

    private synchronized void giveBack(Child child) {
        child.idleSince = System.nanoTime();
        idle.addFirst(child);
    }

    private Child start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + properties.heap().toMegabytes() + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+UseSerialGC");
        // C1 only: a process lives for max-parses-per-process documents, too short for C2's
        // compilations to pay back what they cost
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xss8m");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        if (insideBootJar()) {
            // the service runs from its executable jar: let Boot's launcher find our classes
            command.add("-Dloader.main=" + ParserProcess.class.getName());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(ParserProcess.class.getName());
        }
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
            Child child = new Child(process);
            child.send(settings);
            Object ready = child.receive(properties.startTimeout());
            if (!ParserProcess.READY.equals(ready)) {
                child.kill();
                throw new IllegalStateException("a parser process answered " + ready);
            }
            log.debug("Parser process {} started", process.pid());
            return child;
        } catch (IOException e) {
            throw new IllegalStateException("could not start a parser process: " + e, e);
        }
    }

    private static boolean insideBootJar() {
        String loader = ParserProcesses.class.getClassLoader().getClass().getName();
        return loader.startsWith("org.springframework.boot.loader.");
    }

    private void stop(Child child) {
        synchronized (this) {
            all.remove(child);
            idle.remove(child);
        }
        child.kill();
    }

    private void stopIdle() {
        List<Child> expired = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (Child child : idle) {
                if (now - child.idleSince > properties.idleTimeout().toNanos()) {
                    expired.add(child);
                }
            }
        }
        expired.forEach(this::stop);
    }

    @Override
    public void destroy() {
        reaper.shutdownNow();
        List<Child> children;
        synchronized (this) {
            children = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        children.forEach(Child::kill);
        readers.shutdownNow();
    }

    /** One parser process and its pipes. */
    private final class Child {

        private final Process process;
        private final ObjectOutputStream requests;
        private ObjectInputStream replies;
        private int parses;
        private long idleSince = System.nanoTime();

        Child(Process process) throws IOException {
            this.process = process;
            this.requests =
                    new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream()));
        }

        void send(Object message) throws IOException {
            requests.writeObject(message);
            // forget what was written, so the bytes of a file are not kept for back-references
            requests.reset();
            requests.flush();
        }

        /** The next message, or the reason the process gave none in time (it is then killed). */
        Object receive(Duration timeout) {
            Future<Object> next =
                    readers.submit(
                            () -> {
                                if (replies == null) {
                                    replies =
                                            new ObjectInputStream(
                                                    new BufferedInputStream(
                                                            process.getInputStream()));
                                }
                                return replies.readObject();
                            });
            try {
                return next.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                kill();
                next.cancel(true);
                throw TikaParse.timedOut(settings.parseTimeout());
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parsing", e);
            } catch (ExecutionException e) {
                throw new DocumentRejectedException(crashed(), e.getCause());
            }
        }

        ParserProcess.Reply call(ParserProcess.Request request) {
            parses++;
            try {
                send(request);
            } catch (IOException e) {
                throw new DocumentRejectedException(crashed(), e);
            }
            return (ParserProcess.Reply) receive(settings.parseTimeout().plus(GRACE));
        }

        /** Why the process stopped answering: out of memory, or another crash. */
        private String crashed() {
            try {
                if (process.waitFor(5, TimeUnit.SECONDS)) {
                    return ParserProcess.describeExit(process.exitValue());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            kill();
            return "the parser stopped answering";
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
