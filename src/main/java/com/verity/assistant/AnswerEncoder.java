package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import com.verity.web.ProblemException;
import java.util.List;

/**
 * What one kind of client reads of a streamed answer ({@link AnswerStreams}): the JSON events of
 * {@code /api/ask/stream}, the agents' page's HTML fragments, OpenAI's chunks. Each step of the
 * answer is written to the sink as that client expects it.
 */
public interface AnswerEncoder {

    default void passages(StreamSink sink, List<RetrievedPassage> passages) {}

    default void token(StreamSink sink, String token) {}

    default void citations(StreamSink sink, List<Citation> citations) {}

    /**
     * What was streamed so far is discarded: {@code model} answers again ({@link AnswerListener}).
     */
    default void escalation(StreamSink sink, String model, String reason) {}

    /** The whole answer, after its last token. */
    void done(StreamSink sink, Answer answer);

    /**
     * The question could not be answered: {@code problem} says why, in words for the caller, or is
     * the generic "answer failed" one when something unexpected broke.
     */
    void problem(StreamSink sink, ProblemException problem);

    /** Where an encoder writes its events; each write goes out at once. */
    interface StreamSink {

        /** A named event ({@code event: name}); {@code data} a string as is, else JSON. */
        void event(String name, Object data);

        /** An unnamed event (a {@code data:} line only); a string as is, else JSON. */
        void data(Object data);
    }
}
