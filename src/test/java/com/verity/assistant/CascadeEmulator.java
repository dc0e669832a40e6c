package com.verity.assistant;

import com.verity.support.ChatCall;
import com.verity.support.OllamaEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two emulated models for an evidence run of the escalation cascade against a running service
 * ({@code eval/escalation_share.py}), no Ollama or weights needed: {@code mistral} answers with the
 * first sentence of passages 1 and 2 but cites both as [1], the mis-attribution small models make;
 * {@code llama3.1:8b} cites each sentence's own passage. What escalates is then what the citation
 * check catches on real text.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
 *      -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *      com.verity.assistant.CascadeEmulator
 * </pre>
 */
public final class CascadeEmulator {

    private static final Pattern PASSAGE =
            Pattern.compile("<passage\\s+n=\"(\\d+)\"[^>]*>(.*?)</passage>", Pattern.DOTALL);
    private static final Pattern FIRST_SENTENCE =
            Pattern.compile("^.*?[.!?](?=\\s|$)", Pattern.DOTALL);

    private CascadeEmulator() {}

    public static void main(String[] args) throws InterruptedException {
        OllamaEmulator ollama = OllamaEmulator.start();
        ollama.pulled("mistral", "llama3.1:8b").respondWith(responder());
        System.out.println("OLLAMA_EMULATOR " + ollama.baseUrl());
        Thread.currentThread().join();
    }

    static Function<ChatCall, String> responder() {
        return call -> {
            List<String> sentences = new ArrayList<>();
            Matcher passage = PASSAGE.matcher(call.lastUserMessage());
            while (passage.find() && sentences.size() < 2) {
                String text = passage.group(2).strip().replaceAll("\\s+", " ");
                Matcher first = FIRST_SENTENCE.matcher(text);
                sentences.add(first.find() ? first.group() : text);
            }
            if (sentences.isEmpty()) {
                return "The knowledge base does not say.";
            }
            boolean misattributes = call.model().startsWith("mistral");
            StringBuilder answer = new StringBuilder();
            for (int i = 0; i < sentences.size(); i++) {
                answer.append(sentences.get(i))
                        .append(misattributes ? " [1] " : " [" + (i + 1) + "] ");
            }
            return answer.toString().strip();
        };
    }
}
