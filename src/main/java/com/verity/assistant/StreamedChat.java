package com.verity.assistant;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One streamed answer from a LangChain4j streaming chat model (Ollama's or an OpenAI-compatible
 * server's), bounded by a first-token and a total deadline. A stream given up on is cancelled as
 * soon as it delivers anything, and the HTTP client's own read timeout ends it otherwise, so no
 * call outlives the total deadline for long.
 */
final class StreamedChat {

    private StreamedChat() {}

    static Generation stream(
            StreamingChatModel streaming,
            ChatRequest request,
            Duration firstTokenTimeout,
            Duration totalTimeout,
            Consumer<String> onToken,
            String model,
            ModelServer server) {
        long started = System.nanoTime();
        CountDownLatch firstToken = new CountDownLatch(1);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicReference<Long> firstTokenAt = new AtomicReference<>();
        StringBuilder text = new StringBuilder();
        try {
            streaming.chat(
                    request,
                    new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(
                                PartialResponse partial, PartialResponseContext context) {
                            handle.set(context.streamingHandle());
                            if (abandoned.get()) {
                                context.streamingHandle().cancel();
                                return;
                            }
                            firstTokenAt.compareAndSet(null, System.nanoTime());
                            firstToken.countDown();
                            synchronized (text) {
                                text.append(partial.text());
                            }
                            try {
                                onToken.accept(partial.text());
                            } catch (RuntimeException listenerFailed) {
                                abandoned.set(true);
                                context.streamingHandle().cancel();
                                done.completeExceptionally(new ListenerFailure(listenerFailed));
                            }
                        }

                        @Override
                        public void onCompleteResponse(ChatResponse response) {
                            done.complete(response);
                            firstToken.countDown();
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.completeExceptionally(error);
                            firstToken.countDown();
                        }
                    });
            if (!firstToken.await(firstTokenTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ModelUnavailableException.timeout(
                        "The model gave no first token within " + firstTokenTimeout + ".");
            }
            long left = totalTimeout.toNanos() - (System.nanoTime() - started);
            ChatResponse response = done.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            TokenUsage usage = response.tokenUsage();
            String answer = response.aiMessage().text();
            synchronized (text) {
                if (answer == null || answer.isEmpty()) {
                    answer = text.toString();
                }
            }
            Long first = firstTokenAt.get();
            return new Generation(
                    answer,
                    usage == null ? null : usage.inputTokenCount(),
                    usage == null ? null : usage.outputTokenCount(),
                    ((first == null ? System.nanoTime() : first) - started) / 1_000_000);
        } catch (TimeoutException e) {
            abandon(abandoned, handle);
            throw ModelUnavailableException.timeout(
                    "The model did not finish within " + totalTimeout + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(abandoned, handle);
            throw ModelUnavailableException.timeout("The answer was interrupted.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ListenerFailure failure) {
                throw failure.listenerError();
            }
            throw ModelUnavailableException.classify(e.getCause(), model, server);
        } catch (RuntimeException e) {
            abandon(abandoned, handle);
            throw ModelUnavailableException.classify(e, model, server);
        }
    }

    /** The token listener failed (e.g. the client left): the stream is cancelled, not retried. */
    private static final class ListenerFailure extends RuntimeException {
        ListenerFailure(RuntimeException cause) {
            super(cause);
        }

        RuntimeException listenerError() {
            return (RuntimeException) getCause();
        }
    }

    private static void abandon(AtomicBoolean abandoned, AtomicReference<StreamingHandle> handle) {
        abandoned.set(true);
        StreamingHandle streamingHandle = handle.get();
        if (streamingHandle != null) {
            streamingHandle.cancel();
        }
    }
}
