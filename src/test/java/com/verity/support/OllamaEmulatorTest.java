package com.verity.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emulator answers LangChain4j's real Ollama client the way Ollama would. */
class OllamaEmulatorTest {

    private static final String QUESTION_WITH_PASSAGES =
            """
            Answer from the passages.
            <passage n="1" source="refunds.md">Refunds are paid within 14 days. Ask finance.</passage>
            <passage n="2" source="faq.md">Nothing here.</passage>
            Question: when are refunds paid?""";

    private final OllamaEmulator ollama = OllamaEmulator.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void aChatCitesTheFirstSentenceOfPassageOneOrAdmitsItDoesNotKnow() {
        OllamaChatModel model = chatModel("mistral", Duration.ofSeconds(2));

        assertThat(model.chat(QUESTION_WITH_PASSAGES))
                .isEqualTo("Refunds are paid within 14 days. [1]");
        assertThat(model.chat("What is the meaning of life?")).isEqualTo("I don't know.");
        assertThat(ollama.chatCalls())
                .hasSize(2)
                .allSatisfy(call -> assertThat(call.model()).isEqualTo("mistral"))
                .allSatisfy(call -> assertThat(call.stream()).isFalse());
    }

    @Test
    void aStreamedReplyArrivesWordByWordThenCompletesWithTokenUsage() throws Exception {
        OllamaStreamingChatModel model =
                OllamaStreamingChatModel.builder()
                        .baseUrl(ollama.baseUrl())
                        .modelName("llama3.1:8b")
                        .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> completed = new CompletableFuture<>();

        model.chat(QUESTION_WITH_PASSAGES, collecting(partials, completed));

        ChatResponse response = completed.get(3, TimeUnit.SECONDS);
        assertThat(partials)
                .containsExactly("Refunds", " are", " paid", " within", " 14", " days.", " [1]");
        assertThat(response.aiMessage().text()).isEqualTo(String.join("", partials));
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(partials.size());
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();
        assertThat(ollama.chatCalls().get(0).stream()).isTrue();
    }

    @Test
    void theModelListShowsThePulledModels() {
        OllamaModels models = OllamaModels.builder().baseUrl(ollama.baseUrl()).build();

        assertThat(models.availableModels().content())
                .extracting(OllamaModel::getName)
                .containsExactly("mistral:latest", "llama3.1:8b");
        assertThat(models.modelCard("mistral").content().getModelInfo())
                .containsEntry("llama.context_length", 32768);

        ollama.pulled("qwen2.5:7b");
        assertThat(models.availableModels().content())
                .extracting(OllamaModel::getName)
                .containsExactly("qwen2.5:7b");
    }

    @Test
    void aModelThatWasNeverPulledIsNotFound() {
        assertThatThrownBy(() -> chatModel("phi3", Duration.ofSeconds(2)).chat("Hello"))
                .hasMessageContaining("phi3")
                .hasMessageContaining("not found, try pulling it first");
    }

    @Test
    void aBusyServerSurfacesAsAnException() {
        ollama.failWith(503, "server busy, please try again");

        assertThatThrownBy(() -> chatModel("mistral", Duration.ofSeconds(2)).chat("Hello"))
                .hasMessageContaining("server busy");
        assertThat(ollama.chatCallCount()).isEqualTo(1);

        ollama.reset();
        assertThat(chatModel("mistral", Duration.ofSeconds(2)).chat("Hello"))
                .isEqualTo("I don't know.");
    }

    @Test
    void theContextWindowSentWithARequestIsRecorded() {
        ChatRequest request =
                ChatRequest.builder()
                        .messages(UserMessage.from("Hello"))
                        .parameters(OllamaChatRequestParameters.builder().numCtx(4096).build())
                        .build();

        chatModel("mistral", Duration.ofSeconds(2)).chat(request);

        ChatCall call = ollama.chatCalls().get(0);
        assertThat(call.options()).containsEntry("num_ctx", 4096);
        assertThat(call.truncated()).isFalse();
    }

    @Test
    void aPromptLongerThanTheDefaultContextWindowIsRecordedAsTruncated() {
        chatModel("mistral", Duration.ofSeconds(2)).chat("word ".repeat(2000));

        assertThat(ollama.chatCalls().get(0).truncated()).isTrue();
    }

    @Test
    void aServerThatIsDownRefusesConnectionsUntilItIsUpAgain() {
        ollama.down();
        assertThatThrownBy(() -> chatModel("mistral", Duration.ofSeconds(2)).chat("Hello"))
                .isInstanceOf(RuntimeException.class);

        ollama.up();
        assertThat(chatModel("mistral", Duration.ofSeconds(2)).chat("Hello"))
                .isEqualTo("I don't know.");
    }

    @Test
    void aHungServerTimesTheClientOut() {
        ollama.hang();

        assertThatThrownBy(() -> chatModel("mistral", Duration.ofMillis(300)).chat("Hello"))
                .isInstanceOf(RuntimeException.class);
        assertThat(ollama.chatCallCount()).isEqualTo(1);
    }

    @Test
    void fiftySlowChatsAreAnsweredTogether() throws Exception {
        ollama.delayFirstToken(Duration.ofMillis(300));
        OllamaChatModel model = chatModel("mistral", Duration.ofSeconds(5));
        ExecutorService clients = Executors.newFixedThreadPool(60);
        long started = System.nanoTime();
        try {
            List<Future<String>> replies =
                    IntStream.range(0, 60)
                            .mapToObj(i -> clients.submit(() -> model.chat("Question " + i)))
                            .toList();
            for (Future<String> reply : replies) {
                assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("I don't know.");
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(ollama.chatCallCount()).isEqualTo(60);
    }

    private OllamaChatModel chatModel(String name, Duration timeout) {
        return OllamaChatModel.builder()
                .baseUrl(ollama.baseUrl())
                .modelName(name)
                .timeout(timeout)
                .maxRetries(0)
                .build();
    }

    private static StreamingChatResponseHandler collecting(
            List<String> partials, CompletableFuture<ChatResponse> completed) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                completed.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                completed.completeExceptionally(error);
            }
        };
    }
}
