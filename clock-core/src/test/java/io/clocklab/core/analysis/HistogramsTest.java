package io.clocklab.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class HistogramsTest {

    @Test
    void smallValuesGetOneBinEachStartingAtOne() {
        assertThat(Histograms.of(new long[]{2, 2, 4})).containsExactly(
                new HistogramBin(1, 1, 0), new HistogramBin(2, 2, 2), new HistogramBin(3, 3, 0), new HistogramBin(4, 4, 1));
    }

    @Test
    void wideRangesGetAtMostThirtyEqualBins() {
        long[] values = LongStream.rangeClosed(1, 1000).toArray();

        List<HistogramBin> bins = Histograms.of(values);

        assertThat(bins).hasSizeLessThanOrEqualTo(30);
        assertThat(bins).allSatisfy(bin -> assertThat(bin.to() - bin.from() + 1).isEqualTo(34));
        assertThat(bins.get(0).from()).isEqualTo(1);
        assertThat(bins.get(bins.size() - 1).to()).isGreaterThanOrEqualTo(1000);
        assertThat(bins.stream().mapToLong(HistogramBin::count).sum()).isEqualTo(1000);
    }

    @Test
    void thirtyIsStillExact() {
        assertThat(Histograms.of(new long[]{30})).hasSize(30);
        assertThat(Histograms.of(new long[]{31})).hasSize(16).first().isEqualTo(new HistogramBin(1, 2, 0));
    }

    @Test
    void noValuesNoBins() {
        assertThat(Histograms.of(new long[0])).isEmpty();
    }

    @Test
    void aBrokenLogsZeroJumpStillFindsABin() {
        assertThat(Histograms.of(new long[]{0, 1})).containsExactly(new HistogramBin(0, 0, 1), new HistogramBin(1, 1, 1));
    }

    @Test
    void aSamplesBinsSpanThePopulationsRange() {
        // a sample of 3 values from a population that went from 1 to 9
        assertThat(Histograms.of(new long[]{4, 2, 2, 99}, 3, 1, 9)).hasSize(9)
                .contains(new HistogramBin(2, 2, 2), new HistogramBin(4, 4, 1), new HistogramBin(9, 9, 0));
    }
}
