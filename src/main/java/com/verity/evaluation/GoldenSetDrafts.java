package com.verity.evaluation;

import com.verity.assistant.AssistantRecords;
import com.verity.assistant.CitationMarkers;
import com.verity.assistant.EvaluationModel;
import com.verity.assistant.HelpfulAnswer;
import com.verity.retrieval.RetrievedPassage;
import com.verity.retrieval.Retriever;
import com.verity.security.Caller;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Golden-set questions that are not uploaded: built from the answers agents rated helpful (with the
 * documents they cite and the answer as reference), or drafted by a model from a random sample of
 * the collection's passages, for an editor to review. The model's draft is untrusted text: a line
 * that does not follow the format is dropped, and the evidence counts only when it really stands in
 * the passage.
 */
@Component
class GoldenSetDrafts {

    private static final Logger log = LoggerFactory.getLogger(GoldenSetDrafts.class);

    private static final Pattern LINE =
            Pattern.compile(
                    "^\\W*(QUESTION|ANSWER|EVIDENCE)\\s*:\\s*(.+?)\\s*$", Pattern.MULTILINE);

    private final AssistantRecords records;
    private final Retriever retriever;
    private final EvaluationModel models;
    private final EvaluationProperties properties;

    GoldenSetDrafts(
            AssistantRecords records,
            Retriever retriever,
            EvaluationModel models,
            EvaluationProperties properties) {
        this.records = records;
        this.retriever = retriever;
        this.models = models;
        this.properties = properties;
    }

    /** One question per distinct helpful answer, newest first. */
    List<GoldenItem> fromFeedback(String collection, int limit, Caller caller) {
        Set<String> seen = new HashSet<>();
        List<GoldenItem> items = new ArrayList<>();
        for (HelpfulAnswer answer : records.helpfulAnswers(collection, limit, caller)) {
            String question = answer.question().strip();
            if (seen.add(question.toLowerCase(Locale.ROOT))) {
                String reference =
                        CitationMarkers.PATTERN
                                .matcher(answer.answer())
                                .replaceAll("")
                                .replaceAll(" +([.,;:!?])", "$1")
                                .strip();
                items.add(new GoldenItem(question, answer.citedDocuments(), null, reference, true));
            }
        }
        return items;
    }

    /** Drafts of up to {@code count} questions, one per sampled passage the model handled. */
    List<GoldenItem> generate(
            String collection, String model, int count, long seed, Caller caller) {
        List<GoldenItem> items = new ArrayList<>();
        for (RetrievedPassage passage : retriever.sample(collection, count, seed, caller)) {
            try {
                GoldenItem item =
                        read(
                                models.draftQuestion(model, passage, properties.generationShare())
                                        .reply(),
                                passage);
                if (item != null) {
                    items.add(item);
                }
            } catch (RuntimeException e) {
                log.warn(
                        "No draft question from {} for passage {}: {}",
                        model,
                        passage.chunkId(),
                        e.getMessage());
            }
        }
        return items;
    }

    /** The draft in a reply, or null when it has no question. */
    static GoldenItem read(String reply, RetrievedPassage passage) {
        String question = null;
        String answer = null;
        String evidence = null;
        Matcher line = LINE.matcher(reply == null ? "" : reply);
        while (line.find()) {
            switch (line.group(1)) {
                case "QUESTION" -> question = question == null ? line.group(2) : question;
                case "ANSWER" -> answer = answer == null ? line.group(2) : answer;
                default -> evidence = evidence == null ? line.group(2) : evidence;
            }
        }
        if (question == null || question.length() > GoldenSetFile.MAX_QUESTION_CHARS) {
            return null;
        }
        String found =
                evidence != null
                                && ItemScorer.fold(passage.text())
                                        .contains(ItemScorer.fold(evidence))
                        ? evidence
                        : null;
        return new GoldenItem(question, List.of(passage.filename()), found, answer, true);
    }
}
