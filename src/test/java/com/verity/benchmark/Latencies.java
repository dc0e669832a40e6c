package com.verity.benchmark;

import java.util.Arrays;

/** Summary of measured durations, in milliseconds; percentiles by the nearest-rank method. */
record Latencies(int count, double p50, double p95, double p99, double mean, double max) {

    static Latencies of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(
                sorted.length,
                millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)),
                millis(percentile(sorted, 99)),
                millis((long) Arrays.stream(sorted).average().orElse(0)),
                millis(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    @Override
    public String toString() {
        return "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, mean %.1f ms, max %.1f ms (n=%d)"
                .formatted(p50, p95, p99, mean, max, count);
    }
}
