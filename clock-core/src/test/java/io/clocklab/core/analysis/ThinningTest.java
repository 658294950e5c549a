package io.clocklab.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThinningTest {

    private static List<Point> flatWithSpikeAndDip(int n, int spikeAt, int dipAt) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new Point(i, i == spikeAt ? 100 : i == dipAt ? -100 : 5));
        }
        return points;
    }

    @Test
    void shortSeriesAreKeptWhole() {
        List<Point> points = flatWithSpikeAndDip(10, 3, 4);
        assertThat(Thinning.evenly(points, 1000)).isEqualTo(points);
        assertThat(Thinning.keepingPeaks(points, 1000)).isEqualTo(points);
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
}
