package io.clocklab.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Integer histograms with equal-width bins. The bins start at {@code min(1, smallest value)} (a
 * receive jump is at least 1, so the plot starts at 1) and end at the largest value. While that
 * span is at most {@link #MAX_BINS} wide every integer gets its own bin; beyond that the width is
 * {@code ceil(span / MAX_BINS)}, so there are never more than {@link #MAX_BINS} bins. Empty bins
 * are kept so the bars stay evenly spaced.
 */
final class Histograms {

    static final int MAX_BINS = 30;

    private Histograms() {
    }

    /** @param sorted ascending; empty gives no bins */
    static List<HistogramBin> of(long[] sorted) {
        if (sorted.length == 0) {
            return List.of();
        }
        return of(sorted, sorted.length, sorted[0], sorted[sorted.length - 1]);
    }

    /**
     * The first {@code n} values counted into bins that span {@code smallest..largest} (which may be
     * wider than the values themselves: a sample's bins span the whole population's range).
     *
     * @param values   any order; each within {@code smallest..largest}
     * @param smallest the smallest value of the population the values are drawn from
     * @param largest  the largest one
     */
    static List<HistogramBin> of(long[] values, int n, long smallest, long largest) {
        if (n == 0) {
            return List.of();
        }
        long low = Math.min(1, smallest);
        long high = largest;
        long span = high - low + 1;
        long width = span <= MAX_BINS ? 1 : (span + MAX_BINS - 1) / MAX_BINS;
        int binCount = (int) ((span + width - 1) / width);
        long[] counts = new long[binCount];
        for (int i = 0; i < n; i++) {
            counts[(int) ((values[i] - low) / width)]++;
        }
        List<HistogramBin> bins = new ArrayList<>(binCount);
        for (int i = 0; i < binCount; i++) {
            long from = low + i * width;
            bins.add(new HistogramBin(from, from + width - 1, counts[i]));
        }
        return bins;
    }
}
