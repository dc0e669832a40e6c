package com.verity.assistant;

import dev.langchain4j.data.message.ChatMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One inference server answers come from: Ollama, or an OpenAI-compatible server (vLLM, llama.cpp
 * server, TGI, LM Studio). Models are named here as the server names them; {@link ModelGateway}
 * maps the names callers use.
 */
interface ChatBackend {

    ModelServer server();

    /** Streams an answer, handing each token to {@code onToken} as it arrives. */
    Generation stream(
            String model,
            List<ChatMessage> messages,
            ModelProfile profile,
            Consumer<String> onToken);

    /** One short, non-streamed completion (the follow-up rewrite, a judge's verdict). */
    String complete(String model, String prompt, ModelProfile profile);

    /** The models the server has now; throws {@link ModelUnavailableException} when it is down. */
    List<ModelInfo> models();

    /**
     * What the server says of one model beyond its listing (its own context length); empty if not.
     */
    Optional<ModelInfo> details(String model);

    /** The models loaded in memory now (Ollama's {@code /api/ps}); a served model always is. */
    Set<String> loaded();

    /**
     * What a backend says of one of its models; fields it does not report are null.
     *
     * @param name as the server names it (Ollama: with its tag, e.g. {@code mistral:latest})
     * @param contextLength the model's own context length (not the {@code num_ctx} used)
     */
    record ModelInfo(
            String name,
            String family,
            String parameterSize,
            String quantizationLevel,
            Integer contextLength,
            Long sizeBytes) {

        ModelInfo withContextLength(Integer length) {
            return new ModelInfo(name, family, parameterSize, quantizationLevel, length, sizeBytes);
        }
    }
}
