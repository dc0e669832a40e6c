package com.verity.evaluation;

import com.verity.support.ChatCall;
import com.verity.support.FirstPassageResponder;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small knowledge base, a golden set about it, and two emulated models that behave differently:
 * {@code mistral} cites the passage it answers from and declines what the passages do not say;
 * {@code llama3.1:8b} is slower, cites a passage number it was not given or nothing at all, and
 * never declines. A judge ({@code mistral} asked without streaming) finds every claim supported.
 */
final class EvaluationFixtures {

    static final String GOOD = "mistral";
    static final String POOR = "llama3.1:8b";

    static final Map<String, String> DOCUMENTS =
            Map.of(
                    "refunds.txt",
                    "Refund policy\n\nRefunds are paid to the original card within 14 days of"
                            + " receiving the returned item. Customers can return any item within"
                            + " 30 days of delivery.",
                    "shipping.txt",
                    "Shipping policy\n\nStandard shipping takes three to five working days."
                            + " Express shipping arrives the next working day when ordered before"
                            + " noon.",
                    "warranty.txt",
                    "Warranty terms\n\nEvery appliance carries a two year warranty against"
                            + " manufacturing faults. The warranty does not cover accidental"
                            + " damage or misuse.",
                    "passwords.txt",
                    "Password rules\n\nPasswords must have at least twelve characters and are"
                            + " changed every ninety days. Reused passwords are rejected by the"
                            + " staff portal.");

    /** Questions the documents answer, and two they do not. */
    static final String GOLDEN_SET =
            """
            {"question": "How long do refunds take to arrive on the card?", "expectedDocuments": ["refunds.txt"], "expectedPassage": "within 14 days of receiving", "referenceAnswer": "Refunds are paid to the original card within 14 days."}
            {"question": "How many days do customers have to return an item?", "expectedDocuments": ["refunds.txt"]}
            {"question": "How long does standard shipping take?", "expectedDocuments": ["shipping.txt"], "expectedPassage": "three to five working days", "referenceAnswer": "Standard shipping takes three to five working days."}
            {"question": "When does express shipping arrive?", "expectedDocuments": ["shipping.txt"]}
            {"question": "How long is the appliance warranty?", "expectedDocuments": ["warranty.txt"], "referenceAnswer": "Two years against manufacturing faults."}
            {"question": "Does the warranty cover accidental damage?", "expectedDocuments": ["warranty.txt"]}
            {"question": "How many characters must a password have?", "expectedDocuments": ["passwords.txt"], "expectedPassage": "at least twelve characters"}
            {"question": "How often are passwords changed?", "expectedDocuments": ["passwords.txt"]}
            {"question": "What is the chief executive's favourite colour?", "answerable": false}
            {"question": "Which football team does the finance director support?", "answerable": false}
            """;

    static final int QUESTIONS = 10;
    static final String DECLINE = "The knowledge base does not say.";

    private EvaluationFixtures() {}

    static String knowledgeBase(VerityApi api) {
        String collection = api.newCollection("eval");
        Upload[] uploads =
                DOCUMENTS.entrySet().stream()
                        .map(
                                d ->
                                        Upload.of(
                                                d.getKey(),
                                                d.getValue().getBytes(StandardCharsets.UTF_8)))
                        .toArray(Upload[]::new);
        for (Map<String, Object> entry : api.accepted(collection, uploads)) {
            if (!"INDEXED".equals(api.awaitSettled(entry.get("id")).get("status"))) {
                throw new IllegalStateException("not indexed: " + entry);
            }
        }
        return collection;
    }

    static String goldenSet(VerityApi api, String collection, String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> set =
                (Map<String, Object>)
                        api.multipart(
                                        "/api/collections/" + collection + "/golden-sets",
                                        Map.of("name", name),
                                        "file",
                                        new Upload(
                                                "set.jsonl",
                                                GOLDEN_SET.getBytes(StandardCharsets.UTF_8),
                                                "application/jsonl"))
                                .body();
        return (String) set.get("id");
    }

    /** Both models (and the judge), told apart by the model each call names. */
    static Function<ChatCall, String> twoModels(long poorDelayMillis) {
        FirstPassageResponder first = new FirstPassageResponder();
        AtomicInteger poorCalls = new AtomicInteger();
        return call -> {
            String user = call.lastUserMessage();
            if (user.contains("SUPPORTED:")) {
                return "SUPPORTED: the answer's claim";
            }
            if (user.contains("SCORE:")) {
                return "SCORE: 4";
            }
            boolean unanswerable = user.contains("favourite colour") || user.contains("football");
            if (call.model().startsWith("llama")) {
                VerityApi.sleep(poorDelayMillis);
                return poorCalls.incrementAndGet() % 2 == 0
                        ? "The policy says it depends on the case [9]."
                        : "It is usually handled by the support team within a reasonable time.";
            }
            return unanswerable ? DECLINE : first.apply(call);
        };
    }

    static List<String> models() {
        return List.of(GOOD, POOR);
    }
}
