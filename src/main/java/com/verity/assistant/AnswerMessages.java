package com.verity.assistant;

import com.verity.retrieval.RetrievedPassage;
import java.util.List;

/**
 * An answer as one plain message, for clients that show text only (OpenAI's, MCP's): the answer
 * with its {@code [n]} markers, or, when there is none, why, and what was found instead.
 */
public final class AnswerMessages {

    /** How much of each passage a PASSAGES_ONLY message shows. */
    private static final int PASSAGE_CHARS = 600;

    private AnswerMessages() {}

    /** The message's text, whatever the answer's mode. */
    public static String text(Answer answer) {
        return switch (answer.mode()) {
            case PASSAGES_ONLY -> answer.notice() + passages(answer.passages());
            case NEEDS_REVIEW -> answer.answer() + "\n\n" + answer.notice();
            default -> answer.answer() != null ? answer.answer() : answer.notice();
        };
    }

    /** What follows streamed text once the answer is done (empty when the text was the answer). */
    public static String afterStreamedText(Answer answer) {
        return switch (answer.mode()) {
            case PASSAGES_ONLY -> "\n\n" + text(answer);
            case NEEDS_REVIEW -> "\n\n" + answer.notice();
            default -> "";
        };
    }

    /** The passages, numbered as the answer numbers them, each cut to a readable length. */
    public static String passages(List<RetrievedPassage> passages) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            RetrievedPassage passage = passages.get(i);
            String body = passage.text().strip();
            text.append("\n\n[")
                    .append(i + 1)
                    .append("] ")
                    .append(passage.title() == null ? passage.filename() : passage.title())
                    .append(" (")
                    .append(passage.filename())
                    .append("): ")
                    .append(
                            body.length() > PASSAGE_CHARS
                                    ? body.substring(0, PASSAGE_CHARS) + "…"
                                    : body);
        }
        return text.toString();
    }
}
