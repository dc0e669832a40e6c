package com.verity.ingestion;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.time.Instant;

/**
 * The main class of a parser process: a JVM of its own that {@link ParserProcesses} starts, sends
 * {@link ParserSettings} once and then one {@link Request} at a time over standard input, and reads
 * each {@link Reply} from standard output. Whatever a parser prints goes to standard error, so it
 * cannot corrupt the replies. It ends when its input closes, and is killed when a parse overruns.
 */
public final class ParserProcess {

    /** A file to parse. */
    record Request(byte[] bytes, String contentType, String filename) implements Serializable {}

    /** What became of a request: the document, or the reason it cannot be indexed. */
    record Reply(ParsedDocument parsed, String rejection) implements Serializable {}

    /** Sent once the process is ready for requests. */
    static final String READY = "ready";

    private ParserProcess() {}

    public static void main(String[] args) throws Exception {
        ObjectOutputStream replies =
                new ObjectOutputStream(
                        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        ObjectInputStream requests = new ObjectInputStream(new BufferedInputStream(System.in));
        ParserSettings settings = (ParserSettings) requests.readObject();
        TikaParse parse = TikaParse.create(settings);
        replies.writeObject(READY);
        replies.flush();
        while (true) {
            Request request;
            try {
                request = (Request) requests.readObject();
            } catch (java.io.EOFException closed) {
                return;
            }
            Reply reply;
            try {
                reply =
                        new Reply(
                                parse.parse(
                                        request.bytes(),
                                        request.contentType(),
                                        request.filename(),
                                        Instant.now().plus(settings.parseTimeout())),
                                null);
            } catch (DocumentRejectedException e) {
                reply = new Reply(null, e.getMessage());
            } catch (RuntimeException e) {
                reply = new Reply(null, "the document could not be parsed: " + e);
            }
            replies.writeObject(reply);
            // forget what was written, so no reply's text is kept for back-references
            replies.reset();
            replies.flush();
        }
    }

    /** Exit status of a JVM stopped by -XX:+ExitOnOutOfMemoryError. */
    static final int OUT_OF_MEMORY_EXIT = 3;

    static String describeExit(int status) {
        return status == OUT_OF_MEMORY_EXIT
                ? "the parser ran out of memory (verity.ingestion.parser.heap)"
                : "the parser crashed (exit status " + status + ")";
    }
}
