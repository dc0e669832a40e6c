package com.verity.openai;

import com.verity.assistant.Answer;
import com.verity.assistant.AnswerEncoder;
import com.verity.assistant.AnswerMessages;
import com.verity.retrieval.RetrievedPassage;
import com.verity.web.OpenAiErrors;
import com.verity.web.ProblemException;
import java.util.List;

/** OpenAI's chunks: the role first, a chunk per token, the citations on the last one. */
final class ChunkEncoder implements AnswerEncoder {

    private final String id;
    private final long created;
    private final String model;
    private final boolean usage;
    private boolean started;
    private boolean streamedText;

    ChunkEncoder(String id, long created, String model, boolean usage) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.usage = usage;
    }

    @Override
    public void passages(StreamSink sink, List<RetrievedPassage> passages) {
        start(sink);
    }

    @Override
    public void token(StreamSink sink, String token) {
        text(sink, token);
    }

    @Override
    public void escalation(StreamSink sink, String escalationModel, String reason) {
        // OpenAI's clients cannot take back what was streamed: say that it is replaced
        text(
                sink,
                ("\n\n(The answer above did not check out against the sources: %s. %s answers"
                                + " again.)\n\n")
                        .formatted(reason, escalationModel));
    }

    @Override
    public void done(StreamSink sink, Answer answer) {
        start(sink);
        String rest =
                streamedText
                        ? AnswerMessages.afterStreamedText(answer)
                        : AnswerMessages.text(answer);
        if (!rest.isEmpty()) {
            text(sink, rest);
        }
        sink.data(
                chunk(
                        List.of(
                                new ChatFormat.ChunkChoice(
                                        0, new ChatFormat.Delta(null, null), null, "stop")),
                        null,
                        ChatFormat.Source.of(answer.citations())));
        if (usage) {
            // the citations again on this last chunk, for clients that read only the last one
            sink.data(
                    chunk(
                            List.of(),
                            ChatFormat.Usage.of(answer.usage()),
                            ChatFormat.Source.of(answer.citations())));
        }
        sink.data("[DONE]");
    }

    @Override
    public void problem(StreamSink sink, ProblemException problem) {
        sink.data(OpenAiErrors.body(problem.status(), problem.slug(), problem.getMessage()));
        sink.data("[DONE]");
    }

    private void start(StreamSink sink) {
        if (!started) {
            started = true;
            sink.data(
                    chunk(
                            List.of(
                                    new ChatFormat.ChunkChoice(
                                            0, new ChatFormat.Delta("assistant", ""), null, null)),
                            null,
                            null));
        }
    }

    private void text(StreamSink sink, String text) {
        start(sink);
        streamedText = true;
        sink.data(
                chunk(
                        List.of(
                                new ChatFormat.ChunkChoice(
                                        0, new ChatFormat.Delta(null, text), null, null)),
                        null,
                        null));
    }

    private ChatFormat.Chunk chunk(
            List<ChatFormat.ChunkChoice> choices,
            ChatFormat.Usage counted,
            List<ChatFormat.Source> citations) {
        return new ChatFormat.Chunk(
                id, "chat.completion.chunk", created, model, choices, counted, citations);
    }
}
