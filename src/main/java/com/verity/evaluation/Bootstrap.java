package com.verity.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over questions, with a fixed seed so a report comes out the same every time:
 * a 95% interval for a (weighted) mean, and a paired one for the difference between two models on
 * the same questions, with a two-sided p-value. Hand-written because it is twenty lines: the
 * statistics libraries on Maven Central (Commons Math, Hipparchus) offer no bootstrap.
 */
final class Bootstrap {

    /** A 95% interval. */
    record Interval(double low, double high) {
        double[] asArray() {
            return new double[] {low, high};
        }
    }

    /** A paired difference (a - b), its 95% interval and the p-value of "no difference". */
    record Paired(double difference, Interval interval, double pValue) {}

    private static final double LOW = 0.025;
    private static final double HIGH = 0.975;

    private final int samples;
    private final long seed;

    Bootstrap(int samples, long seed) {
        this.samples = samples;
        this.seed = seed;
    }

    static double mean(double[] values, double[] weights) {
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * weights[i];
            weight += weights[i];
        }
        return weight == 0 ? 0 : sum / weight;
    }

    Interval interval(double[] values, double[] weights) {
        int n = values.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[samples];
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            double weight = 0;
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                sum += values[pick] * weights[pick];
                weight += weights[pick];
            }
            means[s] = weight == 0 ? 0 : sum / weight;
        }
        return percentiles(means);
    }

    Paired paired(double[] a, double[] b) {
        int n = a.length;
        double[] differences = new double[n];
        boolean allEqual = true;
        for (int i = 0; i < n; i++) {
            differences[i] = a[i] - b[i];
            allEqual &= differences[i] == 0;
        }
        double observed = Arrays.stream(differences).average().orElse(0);
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[samples];
        int atOrBelowZero = 0;
        int atOrAboveZero = 0;
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            means[s] = sum / n;
            atOrBelowZero += means[s] <= 0 ? 1 : 0;
            atOrAboveZero += means[s] >= 0 ? 1 : 0;
        }
        double p =
                allEqual ? 1 : Math.min(1, 2.0 * Math.min(atOrBelowZero, atOrAboveZero) / samples);
        return new Paired(observed, percentiles(means), p);
    }

    private static Interval percentiles(double[] means) {
        double[] sorted = means.clone();
        Arrays.sort(sorted);
        return new Interval(at(sorted, LOW), at(sorted, HIGH));
    }

    private static double at(double[] sorted, double quantile) {
        int index = (int) Math.floor(quantile * (sorted.length - 1));
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
