package io.clocklab.coordinator.report;

import io.clocklab.core.analysis.Point;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** ClockPlot, QueuePlot and DriftPlot share their drawing; each is checked for the same promises. */
class TimeSeriesPlotsTest {

    private static final RunAnalysis RUN = ReportFixtures.analyse("r", ReportFixtures.smallRun(), ReportFixtures.RATES, 10);
    private static final Map<String, Function<RunSeries, String>> PLOTS = Map.of(
            ClockPlot.TITLE, ClockPlot::render, QueuePlot.TITLE, QueuePlot::render, DriftPlot.TITLE, DriftPlot::render);

    @Test
    void eachPlotDrawsOneLineperVmInItsColour() {
        VmColors colors = VmColors.forRun(RUN);
        for (String svg : List.of(ClockPlot.render(RUN.series(), colors), QueuePlot.render(RUN.series(), colors),
                DriftPlot.render(RUN.series(), colors))) {
            XmlDoc doc = XmlDoc.parse(svg);
            assertThat(doc.count("//g[@class='series']")).isEqualTo(3);
            for (String vm : List.of("vm1", "vm2", "vm3")) {
                assertThat(doc.text("//g[@data-vm='" + vm + "']/polyline/@stroke")).isEqualTo(colors.color(vm));
            }
            assertThat(doc.count("//g[@class='legend']/text")).isEqualTo(3);
        }
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        PLOTS.values().forEach(plot -> assertThat(plot.apply(RUN.series())).isEqualTo(plot.apply(RUN.series())));
    }

    @Test
    void titlesAndAxisLabelsSayWhatAndWhichUnit() {
        PLOTS.forEach((title, plot) -> {
            XmlDoc doc = XmlDoc.parse(plot.apply(RUN.series()));
            assertThat(doc.text("/svg/title")).isEqualTo(title);
            assertThat(doc.text("//text[@class='plot-title']")).isEqualTo(title);
            assertThat(doc.text("//g[@class='axes']")).contains("(s)");
        });
        assertThat(XmlDoc.parse(ClockPlot.render(RUN.series())).text("//g[@class='axes']")).contains("logical clock (ticks)");
    }

    @Test
    void ticksAreNiceNumbers() {
        RunSeries series = new RunSeries(Map.of("vm1", List.of(new Point(0, 0), new Point(58.3, 173))), Map.of(), Map.of());
        XmlDoc doc = XmlDoc.parse(ClockPlot.render(series));
        String axes = doc.text("//g[@class='axes']");
        assertThat(axes).contains("50").contains("200").doesNotContain("58.3").doesNotContain("173");
    }

    @Test
    void emptySeriesSayNoData() {
        RunSeries empty = new RunSeries(Map.of(), Map.of(), Map.of());
        PLOTS.values().forEach(plot -> {
            XmlDoc doc = XmlDoc.parse(plot.apply(empty));
            assertThat(doc.text("//text[@class='no-data']")).isEqualTo("no data yet");
            assertThat(doc.count("//g[@class='series']")).isZero();
        });
    }

    @Test
    void aVmWithOnePointGetsADotAndNonFinitePointsAreSkipped() {
        Map<String, List<Point>> clocks = new LinkedHashMap<>();
        clocks.put("vm1", List.of(new Point(1, 1)));
        clocks.put("vm2", List.of(new Point(0, 0), new Point(Double.NaN, 3), new Point(2, 4)));
        XmlDoc doc = XmlDoc.parse(ClockPlot.render(new RunSeries(clocks, Map.of(), Map.of())));
        assertThat(doc.count("//g[@data-vm='vm1']/circle")).isEqualTo(1);
        assertThat(doc.text("//g[@data-vm='vm2']/polyline/@points").split(" ")).hasSize(2);
    }

    @Test
    void hostileVmNamesAreEscaped() {
        RunSeries series = new RunSeries(Map.of("<script>alert(1)</script>", List.of(new Point(0, 0), new Point(1, 1))), Map.of(), Map.of());
        String svg = ClockPlot.render(series);
        assertThat(svg).doesNotContain("<script>");
        assertThat(XmlDoc.parse(svg).count("//script")).isZero();
    }

    @Test
    void queueLinesAreStepsSoALengthHoldsUntilItChanges() {
        RunSeries series = new RunSeries(Map.of(), Map.of("vm1", List.of(new Point(0, 0), new Point(10, 5))), Map.of());
        String points = XmlDoc.parse(QueuePlot.render(series)).text("//polyline/@points");
        assertThat(points.split(" ")).hasSize(3);
    }
}
