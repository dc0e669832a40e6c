package com.verity.support;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated model's default answer: the first sentence of passage 1 in the user's last message,
 * cited as {@code [1]}, or {@code I don't know.} when that message carries no passages.
 */
public final class FirstPassageResponder implements Function<ChatCall, String> {

    private static final Pattern FIRST_PASSAGE =
            Pattern.compile("<passage\\s+n=\"1\"[^>]*>(.*?)</passage>", Pattern.DOTALL);
    private static final Pattern FIRST_SENTENCE =
            Pattern.compile("^.*?[.!?](?=\\s|$)", Pattern.DOTALL);

    @Override
    public String apply(ChatCall call) {
        Matcher passage = FIRST_PASSAGE.matcher(call.lastUserMessage());
        if (!passage.find()) {
            return "I don't know.";
        }
        String text = passage.group(1).strip().replaceAll("\\s+", " ");
        Matcher sentence = FIRST_SENTENCE.matcher(text);
        return (sentence.find() ? sentence.group() : text) + " [1]";
    }
}
