package com.verity.assistant;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What both kinds of backend share: LangChain4j's streaming and blocking chat models for one
 * server, each request made with the model's profile as that server's parameters.
 */
abstract class LangChainBackend implements ChatBackend {

    private final ModelServer server;
    private final StreamingChatModel streaming;
    private final ChatModel blocking;
    private final Duration firstTokenTimeout;
    private final Duration totalTimeout;

    LangChainBackend(
            ModelServer server,
            StreamingChatModel streaming,
            ChatModel blocking,
            Duration firstTokenTimeout,
            Duration totalTimeout) {
        this.server = server;
        this.streaming = streaming;
        this.blocking = blocking;
        this.firstTokenTimeout = firstTokenTimeout;
        this.totalTimeout = totalTimeout;
    }

    /** The profile as this server's request parameters. */
    abstract ChatRequestParameters parameters(String model, ModelProfile profile);

    @Override
    public ModelServer server() {
        return server;
    }

    @Override
    public String complete(String model, String prompt, ModelProfile profile) {
        try {
            return blocking.chat(
                            ChatRequest.builder()
                                    .messages(UserMessage.from(prompt))
                                    .parameters(parameters(model, profile))
                                    .build())
                    .aiMessage()
                    .text();
        } catch (RuntimeException e) {
            throw ModelUnavailableException.classify(e, model, server);
        }
    }

    @Override
    public Generation stream(
            String model,
            List<ChatMessage> messages,
            ModelProfile profile,
            Consumer<String> onToken) {
        ChatRequest request =
                ChatRequest.builder()
                        .messages(messages)
                        .parameters(parameters(model, profile))
                        .build();
        return StreamedChat.stream(
                streaming, request, firstTokenTimeout, totalTimeout, onToken, model, server);
    }
}
