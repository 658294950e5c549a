package io.clocklab.core.analysis;

import io.clocklab.core.model.Seeds;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One VM's receive jumps, offered one at a time, in bounded memory. Count, sum (so the mean), the
 * smallest and the largest are kept exactly over every jump. The values themselves, which the
 * percentiles and the histogram need, are kept while there are at most {@code capacity}; beyond that
 * a uniform reservoir sample of {@code capacity} of them is kept (Vitter's algorithm R: the i-th jump
 * replaces a random kept one with probability capacity / i). The generator is seeded from the run id
 * and the VM's name, so the same run always gives the same sample and the same analysis.
 */
final class JumpSample {

    /** Mixed into the seed so the sample does not share a stream with anything else seeded by the run. */
    private static final long SALT = 0x6a756d7073L; // "jumps"

    private final int capacity;
    private final long seed;
    private SplittableRandom random;
    private long[] kept = new long[16];
    private int size;
    private long count;
    private double sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    JumpSample(int capacity, String runId, String vm) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.seed = Seeds.forMachine(Seeds.forMachine(SALT, runId), vm);
    }

    void add(long jump) {
        count++;
        sum += jump;
        min = Math.min(min, jump);
        max = Math.max(max, jump);
        if (size < capacity) {
            if (size == kept.length) {
                kept = Arrays.copyOf(kept, (int) Math.min(capacity, 2L * kept.length));
            }
            kept[size++] = jump;
            return;
        }
        if (random == null) {
            random = new SplittableRandom(seed);
        }
        long slot = random.nextLong(count);
        if (slot < capacity) {
            kept[(int) slot] = jump;
        }
    }

    JumpStats stats() {
        if (count == 0) {
            return new JumpStats(0, 0, 0, 0, 0, java.util.List.of());
        }
        long[] sorted = Arrays.copyOf(kept, size);
        Arrays.sort(sorted);
        boolean sampled = count > size;
        return new JumpStats(count, sum / count, NearestRank.percentile(sorted, 50), NearestRank.percentile(sorted, 95), max,
                Histograms.of(sorted, size, min, max), sampled, size);
    }
}
