package com.verity.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.verity.assistant.Answer;
import com.verity.assistant.Citation;
import java.util.List;
import java.util.UUID;

/** OpenAI's response shapes, with Verity's citations beside the text. */
final class ChatFormat {

    private ChatFormat() {}

    /** {@code GET /v1/models}. */
    record ModelList(String object, List<ModelEntry> data) {
        ModelList(List<ModelEntry> data) {
            this("list", data);
        }
    }

    record ModelEntry(
            String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
        ModelEntry(String id) {
            this(id, "model", 0, "verity");
        }
    }

    /**
     * One source of an answer, as {@code citations} lists it: the answer's {@code [n]} marker, the
     * document, and the quoted sentence with its offsets in the document's text.
     */
    record Source(
            int n,
            UUID documentId,
            String filename,
            String title,
            String quote,
            int start,
            int end) {

        static List<Source> of(List<Citation> citations) {
            return citations.stream()
                    .map(
                            c ->
                                    new Source(
                                            c.n(),
                                            c.documentId(),
                                            c.filename(),
                                            c.title(),
                                            c.quote(),
                                            c.start(),
                                            c.end()))
                    .toList();
        }
    }

    record Usage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {

        static Usage of(Answer.Usage usage) {
            return usage == null
                    ? new Usage(0, 0, 0)
                    : new Usage(
                            usage.promptTokens(),
                            usage.completionTokens(),
                            usage.promptTokens() + usage.completionTokens());
        }
    }

    /** A non-streamed answer ({@code chat.completion}). */
    record Completion(
            String id,
            String object,
            long created,
            String model,
            List<Choice> choices,
            Usage usage) {}

    record Choice(
            int index,
            Message message,
            Object logprobs,
            @JsonProperty("finish_reason") String finishReason) {}

    record Message(String role, String content, Object refusal, List<Source> citations) {}

    /** One piece of a streamed answer ({@code chat.completion.chunk}). */
    record Chunk(
            String id,
            String object,
            long created,
            String model,
            List<ChunkChoice> choices,
            @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Source> citations) {}

    record ChunkChoice(
            int index,
            Delta delta,
            Object logprobs,
            @JsonProperty("finish_reason") String finishReason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content) {}
}
