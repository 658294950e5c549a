package io.clocklab.report;

import io.clocklab.core.analysis.Point;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;
import io.clocklab.core.run.Outage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The three RunPlots share their drawing; each is checked for the same promises. */
class TimeSeriesPlotsTest {

    private static final RunAnalysis RUN = ReportFixtures.analyse("r", ReportFixtures.smallRun(), ReportFixtures.RATES, 10);
    private static final Map<String, Function<RunSeries, String>> PLOTS = Map.of(
            RunPlot.CLOCKS.title(), RunPlot.CLOCKS::render, RunPlot.QUEUES.title(), RunPlot.QUEUES::render,
            RunPlot.DRIFT.title(), RunPlot.DRIFT::render);

    @Test
    void eachPlotDrawsOneLineperVmInItsColour() {
        VmColors colors = VmColors.forRun(RUN);
        for (String svg : List.of(RunPlot.CLOCKS.render(RUN.series(), colors), RunPlot.QUEUES.render(RUN.series(), colors),
                RunPlot.DRIFT.render(RUN.series(), colors))) {
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
        assertThat(XmlDoc.parse(RunPlot.CLOCKS.render(RUN.series())).text("//g[@class='axes']")).contains("logical clock (ticks)");
    }

    @Test
    void ticksAreNiceNumbers() {
        RunSeries series = new RunSeries(Map.of("vm1", List.of(new Point(0, 0), new Point(58.3, 173))), Map.of(), Map.of());
        XmlDoc doc = XmlDoc.parse(RunPlot.CLOCKS.render(series));
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
        XmlDoc doc = XmlDoc.parse(RunPlot.CLOCKS.render(new RunSeries(clocks, Map.of(), Map.of())));
        assertThat(doc.count("//g[@data-vm='vm1']/circle")).isEqualTo(1);
        assertThat(doc.text("//g[@data-vm='vm2']/polyline/@points").split(" ")).hasSize(2);
    }

    @Test
    void hostileVmNamesAreEscaped() {
        RunSeries series = new RunSeries(Map.of("<script>alert(1)</script>", List.of(new Point(0, 0), new Point(1, 1))), Map.of(), Map.of());
        String svg = RunPlot.CLOCKS.render(series);
        assertThat(svg).doesNotContain("<script>");
        assertThat(XmlDoc.parse(svg).count("//script")).isZero();
    }

    @Test
    void queueLinesAreStepsSoALengthHoldsUntilItChanges() {
        RunSeries series = new RunSeries(Map.of(), Map.of("vm1", List.of(new Point(0, 0), new Point(10, 5))), Map.of());
        String points = XmlDoc.parse(RunPlot.QUEUES.render(series)).text("//polyline/@points");
        assertThat(points.split(" ")).hasSize(3);
    }

    private static final List<Function<RunAnalysis, String>> RUN_PLOTS = List.of(
            a -> RunPlot.CLOCKS.render(a, VmColors.forRun(a)), a -> RunPlot.QUEUES.render(a, VmColors.forRun(a)),
            a -> RunPlot.DRIFT.render(a, VmColors.forRun(a)));

    /** RUN with vm2 restarted 5–10 s after the first event and vm3 down from 15 s until the end. */
    private static RunAnalysis withOutages(Outage... outages) {
        RunAnalysis a = RUN;
        return new RunAnalysis(a.runId(), a.start(), a.end(), a.durationSeconds(), a.randomRange(), a.events(), a.vms(), a.series(),
                a.verdict(), List.of(outages), null);
    }

    private static Instant after(double seconds) {
        return RUN.start().plusNanos((long) (seconds * 1e9));
    }

    @Test
    void eachOutageIsATranslucentBandInItsVmsColourUnderTheLines() {
        RunAnalysis run = withOutages(new Outage("vm2", after(5), after(10), "restarted"), new Outage("vm3", after(15), null, "killed"));
        VmColors colors = VmColors.forRun(run);
        for (Function<RunAnalysis, String> plot : RUN_PLOTS) {
            XmlDoc doc = XmlDoc.parse(plot.apply(run));
            assertThat(doc.count("//g[@class='outages']/rect[@class='outage']")).isEqualTo(2);
            String vm2 = "//rect[@class='outage'][@data-vm='vm2']";
            assertThat(doc.text(vm2 + "/@fill")).isEqualTo(colors.color("vm2"));
            assertThat(Double.parseDouble(doc.text(vm2 + "/@fill-opacity"))).isBetween(0.05, 0.3);
            // across the whole panel, from 5 s to 10 s on the axis: the tick labelled 10 is where the band ends
            double x = Double.parseDouble(doc.text(vm2 + "/@x"));
            double width = Double.parseDouble(doc.text(vm2 + "/@width"));
            double tick10 = Double.parseDouble(doc.text("//g[@class='axes']/text[.='10'][@text-anchor='middle']/@x"));
            double tick0 = Double.parseDouble(doc.text("//g[@class='axes']/text[.='0'][@text-anchor='middle']/@x"));
            assertThat(x + width).isEqualTo(tick10, within(0.02));
            assertThat(x).isEqualTo((tick0 + tick10) / 2, within(0.02));
            assertThat(doc.text(vm2 + "/@y")).isEqualTo("40");
            assertThat(doc.text(vm2 + "/@height")).isEqualTo(Svg.num(TimeSeriesPlot.HEIGHT - 40 - 52));
            // down until the end: the band reaches the right edge of the panel
            String vm3 = "//rect[@class='outage'][@data-vm='vm3']";
            assertThat(Double.parseDouble(doc.text(vm3 + "/@x")) + Double.parseDouble(doc.text(vm3 + "/@width")))
                    .isEqualTo(TimeSeriesPlot.WIDTH - 140, within(0.02));
            assertThat(doc.text(vm3 + "/title")).isEqualTo("vm3 down (killed), from 15 s until the end");
            // drawn before the lines, so under them
            assertThat(doc.count("//g[@class='outages']/following::g[@class='series']")).isEqualTo(3);
        }
    }

    @Test
    void eachOutageHasALegendEntrySayingWhichVmWasDownAndWhy() {
        RunAnalysis run = withOutages(new Outage("vm2", after(5), after(10), "restarted"), new Outage("vm2", after(12), after(13), "restarted"),
                new Outage("vm3", after(15), null, null));
        for (Function<RunAnalysis, String> plot : RUN_PLOTS) {
            XmlDoc doc = XmlDoc.parse(plot.apply(run));
            assertThat(doc.count("//g[@class='outages']/rect")).isEqualTo(3);
            assertThat(doc.count("//g[@class='outage-entry']")).isEqualTo(2);
            assertThat(doc.text("//g[@class='outage-entry'][@data-vm='vm2']")).isEqualTo("vm2 down (restarted)vm2 down(restarted)");
            assertThat(doc.text("//g[@class='outage-entry'][@data-vm='vm3']")).isEqualTo("vm3 downvm3 down");
            // below the VMs' entries
            double lastVm = Double.parseDouble(doc.text("//g[@class='legend']/text[.='vm3']/@y"));
            assertThat(Double.parseDouble(doc.text("//g[@class='outage-entry'][1]/text[1]/@y"))).isGreaterThan(lastVm);
        }
    }

    @Test
    void manyOutagesEndTheLegendWithACount() {
        Outage[] outages = new Outage[12];
        for (int i = 0; i < outages.length; i++) {
            outages[i] = new Outage("vm" + (i % 3 + 1), after(i), after(i + 0.5), "cause " + i);
        }
        XmlDoc doc = XmlDoc.parse(RunPlot.CLOCKS.render(withOutages(outages), VmColors.forRun(RUN)));
        int shown = doc.count("//g[@class='outage-entry']");
        assertThat(shown).isBetween(3, 11);
        assertThat(doc.text("//g[@class='legend outage-legend']/text[last()]")).isEqualTo("+" + (12 - shown) + " more outages");
        assertThat(doc.count("//g[@class='outages']/rect")).isEqualTo(12);
    }

    @Test
    void anOutageAfterTheLastEventWidensTheAxisSoItShows() {
        double last = RUN.durationSeconds();
        XmlDoc doc = XmlDoc.parse(RunPlot.QUEUES.render(withOutages(new Outage("vm1", after(last + 20), null, "killed")), VmColors.forRun(RUN)));
        assertThat(Double.parseDouble(doc.text("//rect[@class='outage']/@width"))).isGreaterThan(1);
    }

    @Test
    void withoutOutagesThePlotIsAsBefore() {
        VmColors colors = VmColors.forRun(RUN);
        assertThat(RunPlot.CLOCKS.render(RUN, colors)).isEqualTo(RunPlot.CLOCKS.render(RUN.series(), colors));
        assertThat(XmlDoc.parse(RunPlot.CLOCKS.render(RUN, colors)).count("//g[@class='outages']")).isZero();
    }

    @Test
    void hostileCausesAreEscaped() {
        String svg = RunPlot.DRIFT.render(withOutages(new Outage("vm2", after(1), after(2), "<script>x</script>")), VmColors.forRun(RUN));
        assertThat(svg).doesNotContain("<script>");
        assertThat(XmlDoc.parse(svg).text("//rect[@class='outage']/title")).contains("<script>x</script>");
    }
}
