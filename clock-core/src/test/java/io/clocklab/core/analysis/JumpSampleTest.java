package io.clocklab.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JumpSampleTest {

    /** Geometric-ish jumps 1, 1, 2, 1, 5, ...: the shape of a slow VM's receive jumps. */
    private static long[] jumps(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] jumps = new long[n];
        for (int i = 0; i < n; i++) {
            long jump = 1;
            while (random.nextInt(3) == 0) {
                jump++;
            }
            jumps[i] = jump;
        }
        return jumps;
    }

    private static JumpStats of(long[] jumps, int capacity, String runId) {
        JumpSample sample = new JumpSample(capacity, runId, "vm1");
        for (long jump : jumps) {
            sample.add(jump);
        }
        return sample.stats();
    }

    private static JumpStats exact(long[] jumps) {
        long[] sorted = jumps.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long jump : sorted) {
            sum += jump;
        }
        return new JumpStats(sorted.length, sum / sorted.length, NearestRank.percentile(sorted, 50), NearestRank.percentile(sorted, 95),
                sorted[sorted.length - 1], Histograms.of(sorted));
    }

    @Test
    void upToTheCapEveryJumpCounts() {
        long[] jumps = jumps(1000, 1);

        JumpStats stats = of(jumps, 1000, "run");

        assertThat(stats).isEqualTo(exact(jumps));
        assertThat(stats.sampled()).isFalse();
        assertThat(stats.sampleSize()).isEqualTo(1000);
    }

    @Test
    void beyondTheCapPercentilesAndHistogramComeFromAUniformSample() {
        long[] jumps = jumps(200_000, 2);
        jumps[123_456] = 400; // one outlier: the max stays exact even though the sample will likely miss it
        JumpStats all = exact(jumps);

        JumpStats stats = of(jumps, 10_000, "run-a");

        assertThat(stats.sampled()).isTrue();
        assertThat(stats.sampleSize()).isEqualTo(10_000);
        assertThat(stats.count()).isEqualTo(200_000);
        assertThat(stats.mean()).isEqualTo(all.mean());
        assertThat(stats.max()).isEqualTo(400);
        assertThat(stats.p50()).isEqualTo(all.p50());
        assertThat(stats.p95()).isCloseTo(all.p95(), within(1.0));
        assertThat(stats.histogram().stream().mapToLong(HistogramBin::count).sum()).isEqualTo(10_000);
        // the bins span every jump, not only the sampled ones
        assertThat(stats.histogram().get(0).from()).isEqualTo(1);
        assertThat(stats.histogram().get(stats.histogram().size() - 1).to()).isGreaterThanOrEqualTo(400);
        assertThat(stats.histogram()).hasSameSizeAs(all.histogram());
        // each bin's share is close to the whole population's
        for (int b = 0; b < 3; b++) {
            assertThat((double) stats.histogram().get(b).count() / 10_000)
                    .isCloseTo((double) all.histogram().get(b).count() / 200_000, within(0.02));
        }
    }

    @Test
    void theSameRunGivesTheSameSample() {
        long[] jumps = jumps(50_000, 3);

        assertThat(of(jumps, 500, "run-a")).isEqualTo(of(jumps, 500, "run-a"));
        assertThat(of(jumps, 500, "run-a").histogram()).isNotEqualTo(of(jumps, 500, "run-b").histogram());
    }

    @Test
    void noJumpsAllZero() {
        assertThat(new JumpSample(100, "run", "vm1").stats()).isEqualTo(new JumpStats(0, 0, 0, 0, 0, java.util.List.of()));
        assertThat(new JumpSample(100, "run", "vm1").stats().sampled()).isFalse();
    }
}
