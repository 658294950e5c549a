package io.clocklab.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ThinningTest {

    private static List<Point> flatWithSpikeAndDip(int n, int spikeAt, int dipAt) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new Point(i, i == spikeAt ? 100 : i == dipAt ? -100 : 5));
        }
        return points;
    }

    /** A random walk with ties (small integer steps), the shape of a queue or a gap. */
    private static List<Point> walk(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Point> points = new ArrayList<>(n);
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = Math.max(0, value + random.nextInt(-2, 3));
            points.add(new Point(i * 0.25, value));
        }
        return points;
    }

    /** The list version as it was before thinning streamed: the reference the streaming ones must equal. */
    private static List<Point> evenlyReference(List<Point> points, int maxPoints) {
        int n = points.size();
        if (n <= maxPoints) {
            return List.copyOf(points);
        }
        List<Point> kept = new ArrayList<>(maxPoints);
        for (int i = 0; i < maxPoints - 1; i++) {
            kept.add(points.get((int) ((long) i * (n - 1) / (maxPoints - 1))));
        }
        kept.add(points.get(n - 1));
        return kept;
    }

    private static List<Point> keepingPeaksReference(List<Point> points, int maxPoints) {
        int n = points.size();
        if (n <= maxPoints) {
            return List.copyOf(points);
        }
        int buckets = (maxPoints - 2) / 2;
        List<Point> kept = new ArrayList<>(maxPoints);
        kept.add(points.get(0));
        int inner = n - 2;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * inner / buckets);
            int to = 1 + (int) ((long) (b + 1) * inner / buckets);
            if (from >= to) {
                continue;
            }
            int low = from;
            int high = from;
            for (int i = from + 1; i < to; i++) {
                if (points.get(i).value() < points.get(low).value()) {
                    low = i;
                }
                if (points.get(i).value() > points.get(high).value()) {
                    high = i;
                }
            }
            kept.add(points.get(Math.min(low, high)));
            if (low != high) {
                kept.add(points.get(Math.max(low, high)));
            }
        }
        kept.add(points.get(n - 1));
        return kept;
    }

    @Test
    void shortSeriesAreKeptWhole() {
        List<Point> points = flatWithSpikeAndDip(10, 3, 4);
        assertThat(Thinning.evenly(points, 1000)).isEqualTo(points);
        assertThat(Thinning.keepingPeaks(points, 1000)).isEqualTo(points);
        assertThat(Thinning.decimating(points, 1000)).isEqualTo(points);
        List<Point> exactlyFull = walk(1000, 1);
        assertThat(Thinning.decimating(exactlyFull, 1000)).isEqualTo(exactlyFull);
        assertThat(Thinning.keepingPeaks(exactlyFull, 1000)).isEqualTo(exactlyFull);
    }

    @Test
    void evenThinningKeepsBothEnds() {
        List<Point> points = flatWithSpikeAndDip(100_000, -1, -1);

        List<Point> thinned = Thinning.evenly(points, 1000);

        assertThat(thinned).hasSize(1000);
        assertThat(thinned.get(0)).isEqualTo(points.get(0));
        assertThat(thinned.get(999)).isEqualTo(points.get(99_999));
    }

    @Test
    void peakThinningKeepsAOnePointSpikeAndDipInTimeOrder() {
        List<Point> points = flatWithSpikeAndDip(100_000, 54_321, 7_777);

        List<Point> thinned = Thinning.keepingPeaks(points, 1000);

        assertThat(thinned).hasSizeLessThanOrEqualTo(1000).contains(new Point(54_321, 100), new Point(7_777, -100));
        assertThat(thinned).isSortedAccordingTo((a, b) -> Double.compare(a.seconds(), b.seconds()));
        assertThat(thinned.get(thinned.size() - 1)).isEqualTo(points.get(99_999));
    }

    @Test
    void streamingWithAKnownLengthKeepsExactlyWhatTheListVersionKept() {
        for (int n : new int[]{0, 1, 2, 3, 999, 1000, 1001, 1002, 1997, 4321, 100_003}) {
            List<Point> points = walk(n, n);
            assertThat(Thinning.evenly(points, 1000)).as("evenly, n = %d", n).isEqualTo(evenlyReference(points, 1000));
            assertThat(Thinning.keepingPeaks(points, 1000)).as("peaks, n = %d", n).isEqualTo(keepingPeaksReference(points, 1000));
            assertThat(Thinning.keepingPeaks(points, 10)).as("peaks of 10, n = %d", n).isEqualTo(keepingPeaksReference(points, 10));
        }
    }

    @Test
    void aWrongLengthStillGivesABoundedSeriesWithBothEnds() {
        List<Point> points = walk(5000, 7);
        for (long announced : new long[]{0, 10, 999, 3000, 20_000}) {
            Thinning.Evenly<Point> evenly = new Thinning.Evenly<>(announced, 1000);
            Thinning.Peaks<Point> peaks = new Thinning.Peaks<>(announced, 1000);
            points.forEach(p -> {
                evenly.add(p);
                peaks.add(p, p.value());
            });
            for (List<Point> thinned : List.of(evenly.result(), peaks.result())) {
                assertThat(thinned).as("announced %d", announced).hasSizeLessThanOrEqualTo(1000).isNotEmpty();
                assertThat(thinned.get(0)).isEqualTo(points.get(0));
                assertThat(thinned.get(thinned.size() - 1)).isEqualTo(points.get(4999));
                assertThat(points).containsAll(thinned);
                assertThat(thinned).isSortedAccordingTo((a, b) -> Double.compare(a.seconds(), b.seconds()));
            }
        }
    }

    @Test
    void decimatingAnUnknownLengthKeepsEndsPeaksAndOrder() {
        for (int n : new int[]{1001, 1002, 1500, 2000, 2001, 12_345, 1_000_000}) {
            List<Point> points = walk(n, 31L * n);
            int spikeAt = n / 3;
            int dipAt = 2 * n / 3;
            points.set(spikeAt, new Point(points.get(spikeAt).seconds(), 1e9));
            points.set(dipAt, new Point(points.get(dipAt).seconds(), -1e9));

            List<Point> thinned = Thinning.decimating(points, 1000);

            assertThat(thinned).as("n = %d", n).hasSizeLessThanOrEqualTo(1000).hasSizeGreaterThan(700);
            assertThat(thinned.get(0)).isEqualTo(points.get(0));
            assertThat(thinned.get(thinned.size() - 1)).isEqualTo(points.get(n - 1));
            assertThat(thinned).contains(points.get(spikeAt), points.get(dipAt));
            assertThat(thinned).isSortedAccordingTo((a, b) -> Double.compare(a.seconds(), b.seconds()));
            assertThat(thinned).doesNotHaveDuplicates();
            assertThat(points).containsAll(thinned);
        }
    }

    @Test
    void decimatingKeepsEachStretchsLowAndHigh() {
        // a sawtooth: every stretch of 100 points climbs 0..99; any bucket of at least 100 points holds a 0 and a 99
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            points.add(new Point(i, i % 100));
        }

        List<Point> thinned = Thinning.decimating(points, 1000);

        long lows = thinned.stream().filter(p -> p.value() == 0).count();
        long highs = thinned.stream().filter(p -> p.value() == 99).count();
        assertThat(lows).isGreaterThanOrEqualTo(498);
        assertThat(highs).isGreaterThanOrEqualTo(498);
    }

    @Test
    void decimatingWithFewPoints() {
        List<Point> points = walk(57, 3);

        List<Point> thinned = Thinning.decimating(points, 6);

        assertThat(thinned).hasSizeLessThanOrEqualTo(6).hasSizeGreaterThanOrEqualTo(4);
        assertThat(thinned.get(0)).isEqualTo(points.get(0));
        assertThat(thinned.get(thinned.size() - 1)).isEqualTo(points.get(56));
        assertThat(Thinning.decimating(List.of(), 6)).isEmpty();
        assertThat(Thinning.decimating(points.subList(0, 1), 6)).containsExactly(points.get(0));
    }
}
