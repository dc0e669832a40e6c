package com.verity.assistant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The answers' meters (docs/operations.md): {@code verity_answers_total{model,mode}}, {@code
 * verity_answer_seconds{model}}, {@code verity_answer_first_token_seconds{model}}, {@code
 * verity_answer_tokens_total{model,kind}} and {@code verity_model_errors_total{model,reason}}. Tags
 * hold only allowed model names, modes and reasons: never a caller or a question.
 */
@Component
class AnswerMetrics {

    /** The model tag of an answer no model wrote (VERIFIED, or NOT_FOUND before any model call). */
    static final String NO_MODEL = "none";

    private final MeterRegistry meters;

    AnswerMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** An answer given to a caller: by the model that wrote it (or none), in its mode. */
    void answered(String model, AnswerMode mode, long startedNanos) {
        String tag = model == null ? NO_MODEL : model;
        Counter.builder("verity.answers")
                .description("Answers given to callers, by the model that wrote them and mode")
                .tag("model", tag)
                .tag("mode", mode.name())
                .register(meters)
                .increment();
        histogram("verity.answer", "Answers from the question to the checked answer", tag)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** One model call that produced text: how soon its first token came, and its tokens. */
    void generated(String model, Generation generation) {
        histogram(
                        "verity.answer.first.token",
                        "Model calls from the request to the model's first token",
                        model)
                .record(generation.firstTokenMillis(), TimeUnit.MILLISECONDS);
        tokens(model, "prompt", generation.promptTokens());
        tokens(model, "completion", generation.answerTokens());
    }

    /** A model call that failed, and why. */
    void failed(String model, ModelUnavailableException.Reason reason) {
        failed(model, reason.name().toLowerCase(Locale.ROOT));
    }

    /** A model call that failed: {@code reason} is one of a few fixed words. */
    void failed(String model, String reason) {
        Counter.builder("verity.model.errors")
                .description("Model calls that gave no answer, by model and reason")
                .tag("model", model)
                .tag("reason", reason)
                .register(meters)
                .increment();
    }

    private void tokens(String model, String kind, Integer count) {
        if (count == null) {
            return;
        }
        Counter.builder("verity.answer.tokens")
                .description(
                        "Tokens the model server counted, by model and kind (prompt, completion)")
                .tag("model", model)
                .tag("kind", kind)
                .register(meters)
                .increment(count);
    }

    private Timer histogram(String name, String description, String model) {
        return Timer.builder(name)
                .description(description)
                .tag("model", model)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }
}
