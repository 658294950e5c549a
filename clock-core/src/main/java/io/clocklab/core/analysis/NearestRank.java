package io.clocklab.core.analysis;

/**
 * Percentiles by the nearest-rank definition: the p-th percentile of n sorted values is the value
 * at rank {@code ceil(p/100 * n)} (1-based), i.e. the smallest value with at least p % of the
 * values at or below it. It is always one of the values, never an interpolation.
 */
final class NearestRank {

    private NearestRank() {
    }

    /** @param sorted ascending, not empty */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
    }
}
