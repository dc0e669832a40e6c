package com.verity.assistant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How questions are answered: which models, how the prompt is sized, when the knowledge base is
 * judged not to hold the answer, and how many answers are generated at once.
 *
 * @param ollama where Ollama runs and how long to wait for it
 * @param allowedModels the models callers may ask for (Ollama names, e.g. {@code mistral})
 * @param defaultModel the model used when a question names none; one of the allowed models
 * @param temperature sampling temperature (low: answers stick to the passages)
 * @param contextTokens the context window set on every request ({@code num_ctx})
 * @param answerTokens room kept in the window for the answer ({@code num_predict})
 * @param tokenEstimateFactor the prompt is measured with the embedding model's tokenizer; this
 *     factor covers chat models whose tokenizers cut text into more pieces
 * @param passages passages retrieved per question and offered to the model (best first)
 * @param relevanceThreshold below this cosine similarity of the best passage a question is answered
 *     NOT_FOUND without calling the model (per-collection overrides on the collection)
 * @param historyTurns earlier turns given to the follow-up rewrite
 * @param maxConcurrentGenerations model calls running at once
 * @param maxWaiting questions that may wait for a free model slot; beyond them, 429
 * @param maxWait how long a question waits for a slot before 503
 * @param promptsDir folder holding the prompt templates (falls back to the ones in the jar)
 * @param support how answer sentences are checked against the passages they cite
 * @param profiles per model (as callers name it), how its requests are made; fields left out fall
 *     back to {@code temperature}, {@code context-tokens}, {@code answer-tokens} and {@code
 *     token-estimate-factor}; the models page overrides them (docs/models.md)
 * @param backends OpenAI-compatible inference servers (vLLM, llama.cpp server, TGI, LM Studio)
 *     beside Ollama, by name; their models are called {@code <name>/<model>}
 * @param modelInfoTtl how long what the backends say of their models (details, loaded) is reused
 * @param confidentSimilarity the best passage's cosine similarity from which retrieval counts as
 *     confident: an answer that then cites nothing, or declines, escalates (docs/models.md)
 * @param unsupportedThreshold a collection's {@code unsupportedThreshold} when its routing sets
 *     none: the share of unsupported sentences above which an answer escalates
 * @param verifiedAnswerThreshold a collection's {@code verifiedAnswerThreshold} when its routing
 *     sets none: the question similarity from which a verified answer is served
 * @param streamHeartbeat how often a streamed answer sends a comment line while nothing else is
 *     sent, so proxies and load balancers keep the connection open
 */
@Validated
@ConfigurationProperties("verity.assistant")
public record AssistantProperties(
        @DefaultValue @Valid Ollama ollama,
        @DefaultValue({"mistral", "llama3.1:8b"}) @NotEmpty List<String> allowedModels,
        @DefaultValue("mistral") @NotBlank String defaultModel,
        @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("2") double temperature,
        @DefaultValue("8192") @Min(1024) int contextTokens,
        @DefaultValue("512") @Min(64) int answerTokens,
        @DefaultValue("1.3") @DecimalMin("1") double tokenEstimateFactor,
        @DefaultValue("6") @Min(1) int passages,
        @DefaultValue("0.58") @DecimalMin("0") @DecimalMax("1") double relevanceThreshold,
        @DefaultValue("4") @Min(0) int historyTurns,
        @DefaultValue("2") @Min(1) int maxConcurrentGenerations,
        @DefaultValue("48") @Min(0) int maxWaiting,
        @DefaultValue("60s") Duration maxWait,
        @DefaultValue("prompts") String promptsDir,
        @DefaultValue @Valid Support support,
        @DefaultValue Map<String, @Valid ModelProfile> profiles,
        @DefaultValue Map<String, @Valid Backend> backends,
        @DefaultValue("10s") Duration modelInfoTtl,
        @DefaultValue("0.7") @DecimalMin("0") @DecimalMax("1") double confidentSimilarity,
        @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double unsupportedThreshold,
        @DefaultValue("0.92") @DecimalMin("0") @DecimalMax("1") double verifiedAnswerThreshold,
        @DefaultValue("15s") @DurationMin(millis = 100) Duration streamHeartbeat) {

    /**
     * How long one answer may take at most: the longest wait for a generation slot, the model's
     * longest answer, and a margin for retrieval and the check; streams and MCP calls give up
     * after.
     */
    public Duration answerDeadline() {
        return maxWait.plus(ollama.totalTimeout()).plus(Duration.ofSeconds(30));
    }

    /** The configured defaults every profile falls back to. */
    ModelProfile defaultProfile() {
        return new ModelProfile(
                contextTokens, temperature, null, answerTokens, null, tokenEstimateFactor);
    }

    /**
     * @param baseUrl Ollama's address
     * @param connectTimeout time to open a connection; beyond it Ollama counts as unreachable
     * @param firstTokenTimeout time until the first token (includes loading the model)
     * @param totalTimeout time for a whole answer
     * @param pullIdleTimeout how long a pull or create may send no progress before its job fails
     */
    public record Ollama(
            @DefaultValue("http://localhost:11434") @NotBlank String baseUrl,
            @DefaultValue("3s") Duration connectTimeout,
            @DefaultValue("60s") Duration firstTokenTimeout,
            @DefaultValue("180s") Duration totalTimeout,
            @DefaultValue("5m") Duration pullIdleTimeout) {}

    /**
     * An OpenAI-compatible server.
     *
     * @param baseUrl its API's address, ending in {@code /v1} (e.g. {@code http://vllm:8000/v1})
     * @param apiKey the bearer token it expects (most self-hosted servers take any)
     * @param models the models it serves, as it names them; empty: those its {@code /models} lists
     * @param connectTimeout time to open a connection; beyond it the backend counts as down
     * @param firstTokenTimeout time until the first token
     * @param totalTimeout time for a whole answer
     */
    public record Backend(
            @NotBlank String baseUrl,
            @DefaultValue("none") String apiKey,
            @DefaultValue List<String> models,
            @DefaultValue("3s") Duration connectTimeout,
            @DefaultValue("60s") Duration firstTokenTimeout,
            @DefaultValue("180s") Duration totalTimeout) {}

    /**
     * @param lexicalOverlap share of a sentence's content words found in the cited passage that
     *     counts as support
     * @param semanticSimilarity cosine similarity between a sentence and the cited passage's
     *     closest sentence that counts as support when the words differ
     */
    public record Support(
            @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double lexicalOverlap,
            @DefaultValue("0.8") @DecimalMin("0") @DecimalMax("1") double semanticSimilarity) {}
}
