package com.verity.assistant;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/** The language model could not produce an answer, and why, in words an agent can act on. */
class ModelUnavailableException extends RuntimeException {

    enum Reason {
        UNREACHABLE,
        NOT_PULLED,
        OVERLOADED,
        TIMEOUT,
        FAILED
    }

    private final Reason reason;

    ModelUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    static ModelUnavailableException timeout(String what) {
        return new ModelUnavailableException(Reason.TIMEOUT, what, null);
    }

    /** Reads what went wrong from whatever LangChain4j or the HTTP client threw. */
    static ModelUnavailableException classify(Throwable error, String model, ModelServer server) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ModelUnavailableException known) {
                return known;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof ModelNotFoundException
                    || (message.contains("model") && message.contains("not found"))
                    || (t instanceof HttpException http && http.statusCode() == 404)) {
                return new ModelUnavailableException(
                        Reason.NOT_PULLED, server.notServed(model), error);
            }
            if (t instanceof HttpConnectTimeoutException
                    || t instanceof ConnectException
                    || t instanceof ClosedChannelException
                    || t instanceof UnresolvedModelServerException) {
                return new ModelUnavailableException(
                        Reason.UNREACHABLE, server.unreachable(), error);
            }
            if (t instanceof HttpTimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return new ModelUnavailableException(
                        Reason.TIMEOUT, server.label() + " did not answer in time.", error);
            }
            if (t instanceof RateLimitException
                    || (t instanceof HttpException http && http.statusCode() == 503)) {
                return new ModelUnavailableException(
                        Reason.OVERLOADED,
                        server.label() + " is overloaded; try again shortly.",
                        error);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return new ModelUnavailableException(
                        Reason.FAILED,
                        "The connection to "
                                + server.label()
                                + " broke off before the answer was complete.",
                        error);
            }
        }
        // its text may name the server's address or internals: logged, not shown
        org.slf4j.LoggerFactory.getLogger(ModelUnavailableException.class)
                .warn(
                        "{} at {} failed for model {}",
                        server.label(),
                        server.baseUrl(),
                        model,
                        error);
        return new ModelUnavailableException(
                Reason.FAILED, "The model failed to answer; try again shortly.", error);
    }
}
