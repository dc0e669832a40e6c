package com.verity.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How requests to one model are made, named as Ollama names its options. Every field may be left
 * out: a profile set on the models page overrides the configured one field by field, and that the
 * configured defaults ({@code verity.assistant.context-tokens} and the rest).
 *
 * @param numCtx the context window sent with every request
 * @param temperature sampling temperature
 * @param topP nucleus sampling (null: the backend's own default)
 * @param numPredict room kept in the window for the answer, and the answer's maximum length
 * @param keepAlive seconds Ollama keeps the model loaded after a request (-1: for ever; null:
 *     Ollama's own default)
 * @param tokenEstimateFactor the prompt is measured with the embedding model's tokenizer; this
 *     factor covers the model's tokenizer cutting text into more pieces
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelProfile(
        @JsonProperty("num_ctx") @Min(1024) @Max(1_048_576) Integer numCtx,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @JsonProperty("top_p") @DecimalMin("0") @DecimalMax("1") Double topP,
        @JsonProperty("num_predict") @Min(64) @Max(65_536) Integer numPredict,
        @JsonProperty("keep_alive") @Min(-1) Integer keepAlive,
        @JsonProperty("token_estimate_factor") @DecimalMin("1") @DecimalMax("4")
                Double tokenEstimateFactor) {

    static final ModelProfile NONE = new ModelProfile(null, null, null, null, null, null);

    /** This profile's fields, and {@code base}'s where this one leaves a field out. */
    ModelProfile over(ModelProfile base) {
        if (base == null) {
            return this;
        }
        return new ModelProfile(
                numCtx != null ? numCtx : base.numCtx,
                temperature != null ? temperature : base.temperature,
                topP != null ? topP : base.topP,
                numPredict != null ? numPredict : base.numPredict,
                keepAlive != null ? keepAlive : base.keepAlive,
                tokenEstimateFactor != null ? tokenEstimateFactor : base.tokenEstimateFactor);
    }

    /** What is left of the window for the prompt once the answer's room is kept. */
    int promptBudget() {
        return numCtx - numPredict;
    }

    /** A problem with the profile as a whole, or null: the answer must leave room for a prompt. */
    String problem() {
        if (numCtx != null && numPredict != null && numPredict > numCtx / 2) {
            return "num_predict (%d) must be at most half of num_ctx (%d), to leave room for the passages."
                    .formatted(numPredict, numCtx);
        }
        return null;
    }
}
