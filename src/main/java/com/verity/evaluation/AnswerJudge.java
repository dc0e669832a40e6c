package com.verity.evaluation;

import com.verity.assistant.EvaluationModel;
import com.verity.assistant.EvaluationPrompt;
import com.verity.retrieval.RetrievedPassage;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Asks the judge model about an answered question and reads its replies: faithfulness is the share
 * of the claims it lists as SUPPORTED, relevance its SCORE of 1 to 5 scaled to [0, 1]. A reply that
 * does not follow the format is kept but scores nothing (the judge's own output is untrusted text).
 */
@Component
class AnswerJudge {

    private static final Pattern VERDICT =
            Pattern.compile(
                    "^\\W*(UNSUPPORTED|SUPPORTED)\\b",
                    Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern NO_CLAIMS =
            Pattern.compile("^\\W*NO CLAIMS\\W*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern SCORE =
            Pattern.compile("SCORE\\W{0,3}([1-5])\\b", Pattern.CASE_INSENSITIVE);

    /** Supported and all claims the judge listed (null when the reply has no verdict lines). */
    record Faithfulness(int supported, int claims) {}

    private final EvaluationModel judge;

    AnswerJudge(EvaluationModel judge) {
        this.judge = judge;
    }

    /** Adds the judge's metrics to {@code metrics} and returns what it said. */
    ItemResult.Judgement judge(
            String model,
            String question,
            String answer,
            List<RetrievedPassage> passages,
            double share,
            Map<String, Double> metrics) {
        EvaluationModel.Judged faithful = null;
        EvaluationModel.Judged relevant = null;
        String error = null;
        try {
            faithful =
                    judge.judge(
                            EvaluationPrompt.FAITHFULNESS,
                            model,
                            question,
                            answer,
                            passages,
                            share);
            Faithfulness f = faithfulness(faithful.reply());
            if (f != null && f.claims() > 0) {
                metrics.put(Metric.FAITHFULNESS.key(), f.supported() / (double) f.claims());
                metrics.put("judgedClaims", (double) f.claims());
            } else if (f == null) {
                error = "the faithfulness reply has no SUPPORTED/UNSUPPORTED lines";
            }
            relevant =
                    judge.judge(
                            EvaluationPrompt.RELEVANCE, model, question, answer, passages, share);
            OptionalInt score = score(relevant.reply());
            if (score.isPresent()) {
                metrics.put(Metric.RELEVANCE.key(), (score.getAsInt() - 1) / 4.0);
            } else {
                error = join(error, "the relevance reply has no SCORE: 1-5");
            }
        } catch (RuntimeException e) {
            error = join(error, "the judge did not answer: " + e.getMessage());
        }
        return new ItemResult.Judgement(
                model,
                faithful == null ? null : faithful.promptVersion(),
                faithful == null ? null : faithful.reply(),
                relevant == null ? null : relevant.promptVersion(),
                relevant == null ? null : relevant.reply(),
                error);
    }

    /** The verdict lines of a faithfulness reply; zero claims for NO CLAIMS; null if neither. */
    static Faithfulness faithfulness(String reply) {
        if (reply == null) {
            return null;
        }
        int supported = 0;
        int claims = 0;
        Matcher verdict = VERDICT.matcher(reply);
        while (verdict.find()) {
            claims++;
            if (verdict.group(1).equalsIgnoreCase("SUPPORTED")) {
                supported++;
            }
        }
        if (claims == 0) {
            return NO_CLAIMS.matcher(reply).find() ? new Faithfulness(0, 0) : null;
        }
        return new Faithfulness(supported, claims);
    }

    static OptionalInt score(String reply) {
        Matcher score = SCORE.matcher(reply == null ? "" : reply);
        return score.find()
                ? OptionalInt.of(Integer.parseInt(score.group(1)))
                : OptionalInt.empty();
    }

    private static String join(String first, String second) {
        return first == null ? second : first + "; " + second;
    }
}
