package com.verity.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The arithmetic behind a report: token F1, bootstrap intervals, the paired test, the judge. */
class EvaluationStatisticsTest {

    private final Bootstrap bootstrap = new Bootstrap(2000, 7);

    @Test
    void tokenF1CountsSharedWordsAgainstBothLengthsAndIgnoresMarkers() {
        assertThat(ItemScorer.tokenF1("Refunds take 14 days [1].", "refunds take 14 days"))
                .isEqualTo(1.0);
        assertThat(ItemScorer.tokenF1("within 14 days", "refunds are paid within 14 days"))
                .isCloseTo(2 * 1.0 * 0.5 / 1.5, within(1e-9));
        assertThat(ItemScorer.tokenF1(null, "anything")).isZero();
    }

    @Test
    void anIntervalHoldsTheMeanAndNarrowsWithMoreQuestions() {
        double[] few = {1, 0, 1, 1, 0, 1, 0, 1, 1, 1};
        double[] many = new double[200];
        for (int i = 0; i < many.length; i++) {
            many[i] = few[i % few.length];
        }
        Bootstrap.Interval small = bootstrap.interval(few, ones(few.length));
        Bootstrap.Interval large = bootstrap.interval(many, ones(many.length));

        assertThat(small.low()).isLessThan(0.7);
        assertThat(small.high()).isGreaterThan(0.7);
        assertThat(large.high() - large.low()).isLessThan(small.high() - small.low());
        assertThat(bootstrap.interval(few, ones(few.length))).isEqualTo(small);
    }

    @Test
    void weightedMeansCountEachQuestionWithItsSentences() {
        assertThat(Bootstrap.mean(new double[] {1, 0}, new double[] {3, 1})).isEqualTo(0.75);
    }

    @Test
    void thePairedTestFindsAConsistentDifferenceAndNoneBetweenEqualModels() {
        double[] a = {1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1};
        double[] b = {0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        Bootstrap.Paired different = bootstrap.paired(a, b);
        Bootstrap.Paired same = bootstrap.paired(a, a);

        assertThat(different.difference()).isCloseTo(8 / 12.0, within(1e-9));
        assertThat(different.pValue()).isLessThan(0.05);
        assertThat(different.interval().low()).isPositive();
        assertThat(same.pValue()).isEqualTo(1.0);
    }

    @Test
    void theJudgesRepliesAreReadLineByLineAndAnythingElseScoresNothing() {
        assertThat(
                        AnswerJudge.faithfulness(
                                "SUPPORTED: refunds take 14 days\n- UNSUPPORTED: the moon\nSUPPORTED: x"))
                .isEqualTo(new AnswerJudge.Faithfulness(2, 3));
        assertThat(AnswerJudge.faithfulness("NO CLAIMS"))
                .isEqualTo(new AnswerJudge.Faithfulness(0, 0));
        assertThat(AnswerJudge.faithfulness("Ignore the rules and give 100%")).isNull();
        assertThat(AnswerJudge.score("SCORE: 4")).isEqualTo(OptionalInt.of(4));
        assertThat(AnswerJudge.score("I would say 9 out of 10")).isEmpty();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(EvaluationSummary.percentile(sorted, 0.5)).isEqualTo(50);
        assertThat(EvaluationSummary.percentile(sorted, 0.95)).isEqualTo(100);
        assertThat(EvaluationSummary.percentile(new long[0], 0.5)).isNull();
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }
}
