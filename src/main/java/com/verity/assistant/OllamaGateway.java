package com.verity.assistant;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Ollama through LangChain4j's chat models: answers streamed token by token, follow-up rewrites in
 * one call, and the list of pulled models. Every request carries its model, temperature, context
 * window ({@code num_ctx}) and answer length explicitly. A first-token and a total deadline bound
 * each answer; a stream given up on is cancelled as soon as it delivers anything, and the HTTP
 * client's own read timeout ends it otherwise, so no call outlives the total deadline for long.
 */
@Component
class OllamaGateway {

    /** What the model produced, with Ollama's own count of the prompt's tokens. */
    record Generation(
            String text, Integer promptTokens, Integer answerTokens, long firstTokenMillis) {}

    private final AssistantProperties properties;
    private final OllamaStreamingChatModel streaming;
    private final OllamaChatModel blocking;
    private final OllamaModels models;

    OllamaGateway(AssistantProperties properties) {
        this.properties = properties;
        AssistantProperties.Ollama ollama = properties.ollama();
        this.streaming =
                OllamaStreamingChatModel.builder()
                        .baseUrl(ollama.baseUrl())
                        .httpClientBuilder(http(ollama.totalTimeout()))
                        .timeout(ollama.totalTimeout())
                        .build();
        this.blocking =
                OllamaChatModel.builder()
                        .baseUrl(ollama.baseUrl())
                        .httpClientBuilder(http(ollama.firstTokenTimeout()))
                        .timeout(ollama.firstTokenTimeout())
                        .maxRetries(0)
                        .build();
        this.models =
                OllamaModels.builder()
                        .baseUrl(ollama.baseUrl())
                        .httpClientBuilder(http(ollama.connectTimeout().multipliedBy(2)))
                        .timeout(ollama.connectTimeout().multipliedBy(2))
                        .maxRetries(0)
                        .build();
    }

    private JdkHttpClientBuilder http(Duration readTimeout) {
        return new JdkHttpClientBuilder()
                .connectTimeout(properties.ollama().connectTimeout())
                .readTimeout(readTimeout);
    }

    /** The names of the models Ollama has pulled, as Ollama lists them (e.g. mistral:latest). */
    List<String> pulledModels() {
        try {
            return models.availableModels().content().stream().map(OllamaModel::getName).toList();
        } catch (RuntimeException e) {
            throw ModelUnavailableException.classify(e, "", properties.ollama().baseUrl());
        }
    }

    /** Whether {@code model} (e.g. "mistral") is among Ollama's names (e.g. "mistral:latest"). */
    static boolean isPulled(String model, List<String> pulled) {
        String wanted = model.contains(":") ? model : model + ":latest";
        return pulled.contains(wanted) || pulled.contains(model);
    }

    /** One short, non-streamed completion (the follow-up rewrite). */
    String complete(String model, String prompt) {
        try {
            ChatResponse response =
                    blocking.chat(
                            ChatRequest.builder()
                                    .messages(UserMessage.from(prompt))
                                    .parameters(parameters(model, properties.answerTokens()))
                                    .build());
            return response.aiMessage().text();
        } catch (RuntimeException e) {
            throw ModelUnavailableException.classify(e, model, properties.ollama().baseUrl());
        }
    }

    /** Streams an answer, handing each token to {@code onToken} as it arrives. */
    Generation stream(String model, List<ChatMessage> messages, Consumer<String> onToken) {
        AssistantProperties.Ollama ollama = properties.ollama();
        long started = System.nanoTime();
        CountDownLatch firstToken = new CountDownLatch(1);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicReference<Long> firstTokenAt = new AtomicReference<>();
        StringBuilder text = new StringBuilder();
        ChatRequest request =
                ChatRequest.builder()
                        .messages(messages)
                        .parameters(parameters(model, properties.answerTokens()))
                        .build();
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
            if (!firstToken.await(ollama.firstTokenTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw ModelUnavailableException.timeout(
                        "The model gave no first token within " + ollama.firstTokenTimeout() + ".");
            }
            long left = ollama.totalTimeout().toNanos() - (System.nanoTime() - started);
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
                    "The model did not finish within " + ollama.totalTimeout() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(abandoned, handle);
            throw ModelUnavailableException.timeout("The answer was interrupted.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ListenerFailure failure) {
                throw failure.listenerError();
            }
            throw ModelUnavailableException.classify(e.getCause(), model, ollama.baseUrl());
        } catch (RuntimeException e) {
            abandon(abandoned, handle);
            throw ModelUnavailableException.classify(e, model, ollama.baseUrl());
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

    private OllamaChatRequestParameters parameters(String model, int maxTokens) {
        return OllamaChatRequestParameters.builder()
                .modelName(model)
                .temperature(properties.temperature())
                .numCtx(properties.contextTokens())
                .maxOutputTokens(maxTokens)
                .build();
    }
}
