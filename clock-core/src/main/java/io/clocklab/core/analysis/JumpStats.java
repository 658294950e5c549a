package io.clocklab.core.analysis;

import io.clocklab.core.run.AnalysisLimits;

import java.util.List;

/**
 * The sizes of a VM's receive jumps, {@code newClock - oldClock} at each RECEIVE (so at least 1).
 * All zero, with an empty histogram, when the VM received nothing.
 * <p>
 * {@code count}, {@code mean} and {@code max} are always exact. {@code p50}, {@code p95} and the
 * histogram's counts need every jump at once: they are exact while the VM has at most
 * {@link AnalysisLimits#jumpSample()} jumps, and beyond that come from a seeded uniform sample of
 * that many ({@code sampled} true; the histogram's bins still span the exact smallest to largest
 * jump, its counts add up to {@code sampleSize}).
 *
 * @param sampled    true when p50, p95 and the histogram come from a sample of the jumps
 * @param sampleSize how many jumps p50, p95 and the histogram are computed from: {@code count} when
 *                   not sampled
 */
public record JumpStats(long count, double mean, double p50, double p95, long max, List<HistogramBin> histogram,
                        boolean sampled, long sampleSize) {

    public JumpStats {
        histogram = List.copyOf(histogram);
    }

    /** Exact statistics, from every jump. */
    public JumpStats(long count, double mean, double p50, double p95, long max, List<HistogramBin> histogram) {
        this(count, mean, p50, p95, max, histogram, false, count);
    }
}
