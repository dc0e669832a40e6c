package com.verity.evaluation;

import com.verity.assistant.Answer;
import com.verity.assistant.AnswerRun;
import com.verity.assistant.AskRequest;
import com.verity.assistant.Assistant;
import com.verity.assistant.AssistantRecords;
import com.verity.assistant.ModelStatus;
import com.verity.assistant.Question;
import com.verity.collection.CollectionCatalog;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import com.verity.security.RateLimits;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Blind comparisons in the flow of work: one question answered by two models, shown as A and B in a
 * random order with the model names withheld until the agent votes; the votes sum up per collection
 * to win rates with Wilson intervals. Any reader of a collection may compare and vote; only the one
 * who asked may vote on a comparison. The module's public facade for the arena.
 */
@Service
public class Arena {

    static final Set<String> WINNERS = Set.of("A", "B", "tie", "both-bad");
    private static final double Z95 = 1.959964;

    /** {@code POST /api/ask/compare}. */
    public record CompareRequest(String question, String collection, List<String> models) {}

    /** {@code PUT /api/comparisons/{id}/vote}. */
    public record VoteRequest(String winner) {}

    private final SecureRandom random = new SecureRandom();
    private final Assistant assistant;
    private final AssistantRecords records;
    private final CollectionCatalog collections;
    private final ArenaStore store;
    private final AuditLog audit;
    private final RateLimits limits;

    Arena(
            Assistant assistant,
            AssistantRecords records,
            CollectionCatalog collections,
            ArenaStore store,
            AuditLog audit,
            RateLimits limits) {
        this.limits = limits;
        this.assistant = assistant;
        this.records = records;
        this.collections = collections;
        this.store = store;
        this.audit = audit;
    }

    /**
     * Both answers, A and B in a random order, without the models' names; they count as two
     * questions against the caller's rate limit.
     */
    public Map<String, Object> compare(CompareRequest request, Caller caller) {
        limits.check(caller, RateLimits.Kind.ASK);
        limits.check(caller, RateLimits.Kind.ASK);
        if (request == null) {
            throw EvaluationException.invalidComparison("Send 'question' and 'collection'.");
        }
        List<String> models = models(request.models());
        if (random.nextBoolean()) {
            models = List.of(models.get(1), models.get(0));
        }
        Question first =
                assistant.check(
                        new AskRequest(
                                request.question(), request.collection(), null, models.get(0)),
                        caller);
        Question second =
                assistant.check(
                        new AskRequest(
                                request.question(), request.collection(), null, models.get(1)),
                        caller);
        AnswerRun a = assistant.answerUnrecorded(first);
        AnswerRun b = assistant.answerUnrecorded(second);
        UUID id = UUID.randomUUID();
        store.insert(
                id,
                first.collectionId(),
                first.text(),
                models.get(0),
                models.get(1),
                caller.userId());
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("A", blind(a.answer()));
        answers.put("B", blind(b.answer()));
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("comparisonId", id);
        comparison.put("question", first.text());
        comparison.put("collection", first.collection());
        comparison.put("answers", answers);
        return comparison;
    }

    /** Records the asker's vote and reveals which model wrote which answer. */
    public Map<String, Object> vote(UUID id, VoteRequest request, Caller caller) {
        ArenaStore.Stored comparison =
                store.find(id)
                        .filter(c -> c.askedBy() == caller.userId())
                        .orElseThrow(() -> EvaluationException.comparisonNotFound(id));
        String winner = request == null ? null : request.winner();
        if (winner == null || !WINNERS.contains(winner)) {
            throw EvaluationException.invalidComparison(
                    "Vote with 'winner': one of A, B, tie, both-bad.");
        }
        if (!store.vote(id, winner)) {
            throw EvaluationException.alreadyVoted(id, comparison.winner());
        }
        audit.record(
                AuditType.COMPARISON_VOTED,
                caller,
                id.toString(),
                Map.of("winner", winner, "a", comparison.modelA(), "b", comparison.modelB()));
        Map<String, Object> revealed = new LinkedHashMap<>();
        revealed.put("comparisonId", id);
        revealed.put("winner", winner);
        revealed.put("models", Map.of("A", comparison.modelA(), "B", comparison.modelB()));
        return revealed;
    }

    /** Per pair of models (by name order): wins of the first, losses, ties, both-bad, win rate. */
    public List<Map<String, Object>> standings(String collection, Caller caller) {
        long collectionId = collections.requireReadable(collection, caller);
        Map<String, int[]> pairs = new TreeMap<>();
        for (ArenaStore.Vote vote : store.votes(collectionId)) {
            boolean flipped = vote.modelA().compareTo(vote.modelB()) > 0;
            String first = flipped ? vote.modelB() : vote.modelA();
            String second = flipped ? vote.modelA() : vote.modelB();
            int[] counts = pairs.computeIfAbsent(first + "\n" + second, k -> new int[4]);
            switch (vote.winner()) {
                case "A" -> counts[flipped ? 1 : 0]++;
                case "B" -> counts[flipped ? 0 : 1]++;
                case "tie" -> counts[2]++;
                default -> counts[3]++;
            }
        }
        List<Map<String, Object>> standings = new ArrayList<>();
        pairs.forEach(
                (pair, counts) -> {
                    String[] names = pair.split("\n");
                    int decided = counts[0] + counts[1] + counts[2];
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", names[0]);
                    row.put("opponent", names[1]);
                    row.put("votes", decided + counts[3]);
                    row.put("wins", counts[0]);
                    row.put("losses", counts[1]);
                    row.put("ties", counts[2]);
                    row.put("bothBad", counts[3]);
                    if (decided == 0) {
                        row.put("winRate", null);
                        row.put("winRateCi", null);
                    } else {
                        double rate = (counts[0] + counts[2] / 2.0) / decided;
                        row.put("winRate", EvaluationSummary.round(rate));
                        row.put("winRateCi", wilson(rate, decided));
                    }
                    standings.add(row);
                });
        return standings;
    }

    /** Wilson's 95% score interval for a share {@code p} of {@code n}. */
    static List<Double> wilson(double p, int n) {
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return List.of(
                EvaluationSummary.round(Math.max(0, centre - half)),
                EvaluationSummary.round(Math.min(1, centre + half)));
    }

    private List<String> models(List<String> requested) {
        if (requested != null && !requested.isEmpty()) {
            if (requested.size() != 2 || requested.get(0).equals(requested.get(1))) {
                throw EvaluationException.invalidComparison(
                        "Name two different 'models' to compare, or none for the default model and"
                                + " the next allowed one.");
            }
            return List.copyOf(requested);
        }
        ModelStatus status = records.models();
        String preferred = status.defaultModel();
        List<String> others =
                status.models().stream()
                        .map(m -> m.name())
                        .filter(name -> !name.equals(preferred))
                        .toList();
        if (others.isEmpty()) {
            throw EvaluationException.invalidComparison(
                    "Only one model is allowed (verity.assistant.allowed-models); a comparison needs"
                            + " two.");
        }
        return List.of(preferred, others.get(0));
    }

    /** The answer without anything that names its model. */
    private static Map<String, Object> blind(Answer answer) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("mode", answer.mode());
        shown.put("answer", answer.answer());
        shown.put("citations", answer.citations());
        shown.put("passages", answer.passages());
        shown.put("notice", answer.notice());
        shown.put("unsupported", answer.unsupported());
        return shown;
    }
}
