package io.clocklab.report;

import io.clocklab.core.analysis.HybridAnalyzer;
import io.clocklab.core.analysis.HybridReport;
import io.clocklab.core.analysis.HybridVm;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunAnalyzer;
import io.clocklab.core.causality.CausalityAnalyzer;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.VectorTime;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The run page's hybrid-clock section and its line on the carried vector clocks. */
class HybridSectionTest {

    private static final SimulationSpec HYBRID = SimulationSpec.of("hybrid-1", ReportFixtures.orderedRates("vm1", 400, "vm2", 600, "vm3", 500),
                    5, Duration.ofSeconds(3)).withClock(ClockKind.HYBRID)
            .withClockSkew(Map.of("vm2", new ClockSkew(40, 200), "vm3", new ClockSkew(-15, -300)));
    private static final RunData DATA = Simulator.run(HYBRID);
    private static final RunAnalysis ANALYSIS = RunAnalyzer.analyze(DATA);
    private static final HybridReport REPORT = HybridAnalyzer.analyze(DATA, HYBRID.clockSkew(), HYBRID.duration());
    private static final RunView RUN = ReportFixtures.runView("hybrid-1");

    private static Document page(ReportLinks links, HybridReport hybrid, CausalityReport causality) {
        return Pages.parse(new RunReportPage(links).render(RUN, ANALYSIS, causality, null, hybrid, null, null));
    }

    @Test
    void aHybridRunShowsItsBoundsItsPlotWithTheEpsilonBandAndATablePerVm() {
        Document page = page(ReportLinks.web(), REPORT, null);

        // 55 ms apart at the start, 40.6 + 15.9 = 56.5 ms at the end, rounded up
        assertThat(REPORT.epsilonMillis()).isEqualTo(57);
        Map<String, String> figures = Pages.definitions(page.selectFirst("dl.hybrid"));
        assertThat(figures.get("ε")).isEqualTo("57 ms (physical-clock skews: vm2 +40 ms, +200 ppm; vm3 -15 ms, -300 ppm; over 3 s)");
        assertThat(figures.get("bound on c")).startsWith(String.format(java.util.Locale.ROOT, "%,d = N · (ε + 1) · k (N = 3 VMs, k = 1:",
                REPORT.cBound()));
        assertThat(figures.get("verdict")).startsWith("✓ every clock monotonic");

        Element plot = page.selectFirst("figure#hybrid-plot svg");
        assertThat(plot.select("g.series")).extracting(g -> g.attr("data-vm")).containsExactly("vm1", "vm2", "vm3");
        Element band = plot.selectFirst("rect.value-band");
        assertThat(band.selectFirst("title").text()).isEqualTo("0..ε (57 ms)");
        assertThat(plot.select("g.band-legend text").text()).isEqualTo("0..ε (57 ms)");

        List<Element> rows = page.select("table.hybrid tbody tr");
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 3; i++) {
            HybridVm vm = REPORT.vms().get(i);
            assertThat(rows.get(i).children().eachText()).containsExactly(vm.vm(), Long.toString(vm.hlcEvents()),
                    Long.toString(vm.maxAheadMillis()), Long.toString(vm.minAheadMillis()), "57", Long.toString(vm.maxC()),
                    Long.toString(REPORT.cBound()), "yes", "none");
        }
        assertThat(REPORT.vms()).extracting(HybridVm::maxAheadMillis).as("the clocks behind hear of vm2's").anySatisfy(ahead ->
                assertThat(ahead).isGreaterThan(30));
        assertThat(page.select("ul.downloads a")).extracting(a -> a.attr("href")).contains("/api/runs/hybrid-1/hybrid");
    }

    @Test
    void breachesAreNamedPerVm() {
        List<HybridVm> vms = new ArrayList<>(REPORT.vms());
        HybridVm v = vms.get(1);
        vms.set(1, new HybridVm(v.vm(), v.events(), v.hlcEvents(), 90, -2, v.maxC(), false, 3, 17L, 1, 4, 0, v.maxEventsPerMilli()));
        HybridReport broken = new HybridReport(null, REPORT.clockSkew(), REPORT.lengthSeconds(), REPORT.epsilonMillis(), REPORT.eventsPerMilli(),
                REPORT.hlcVms(), REPORT.cBound(), REPORT.events(), REPORT.hlcEvents(), vms, REPORT.aheadOverTime());

        Document page = page(ReportLinks.web(), broken, null);

        assertThat(Pages.definitions(page.selectFirst("dl.hybrid")).get("verdict")).isEqualTo("✗ outside the bounds: see the table");
        Element row = page.select("table.hybrid tbody tr").get(1);
        assertThat(row.child(7).text()).isEqualTo("no");
        assertThat(row.child(8).text()).isEqualTo("3 not monotonic (first at #17), 1 with l < pt, 4 over ε");
        assertThat(row.child(8).hasClass("bad")).isTrue();
    }

    @Test
    void aRunWithoutHybridTimesShowsNoSectionOrItsReason() {
        assertThat(page(ReportLinks.web(), null, null).select("#hybrid, figure#hybrid-plot")).isEmpty();

        HybridReport lamport = HybridAnalyzer.analyze(List.of("vm1", "vm2", "vm3"), RunEvents.of(ReportFixtures.smallRun()), null, Duration.ZERO);
        Document page = page(ReportLinks.web(), lamport, null);
        assertThat(page.select("p.hybrid-not-analysed").text())
                .isEqualTo("Not analysed: no event carries a hybrid time (hlc): the run did not use the hybrid clock.");
        assertThat(page.select("figure#hybrid-plot, table.hybrid")).isEmpty();
    }

    @Test
    void theStaticReportWritesAndLinksHybridJson(@TempDir Path dir) throws Exception {
        RunReportData data = new RunReportData(RUN, ANALYSIS, DATA.events(), Map.of(), null, REPORT);

        List<Path> written = StaticReport.writeRun(dir, data);

        assertThat(written).extracting(p -> p.getFileName().toString()).contains("hybrid.json");
        var json = ReportJson.mapper().readTree(dir.resolve("hybrid.json").toFile());
        assertThat(json.get("epsilonMillis").asLong()).isEqualTo(57);
        assertThat(json.has("reason")).isFalse();
        assertThat(json.get("vms")).hasSize(3);
        assertThat(json.get("aheadOverTime").get("vm1")).isNotEmpty();
        assertThat(dir.resolve("index.html")).content().contains("href=\"hybrid.json\"", "id=\"hybrid-plot\"");
    }

    @Test
    void aVectorRunSaysHowManyCarriedVectorClocksEqualTheDerivedOnes() {
        RunData vector = Simulator.run(SimulationSpec.of("vector-1", ReportFixtures.RATES, 3, Duration.ofSeconds(20)).withClock(ClockKind.VECTOR));
        CausalityReport honest = CausalityAnalyzer.analyze(vector);
        long events = vector.eventCount();

        Document page = page(ReportLinks.web(), null, honest);
        assertThat(Pages.definitions(page.selectFirst("dl.causality")).get("carried vector clocks"))
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,d of %,d equal to the derived ones", events, events));
        assertThat(page.select("dd.carried-vectors span.ok")).hasSize(1);

        Map<String, List<Event>> logs = new LinkedHashMap<>(vector.eventsByVm());
        List<Event> vm1 = new ArrayList<>(logs.get("vm1"));
        Event e = vm1.get(3);
        vm1.set(3, new Event(e.seq(), e.vm(), e.type(), e.systemTime(), e.logicalClock(), e.queueLength(), e.to(), e.messageId(), e.from(),
                e.messageClock(), new VectorTime(Map.of("vm1", 99L)), null));
        logs.put("vm1", vm1);
        CausalityReport tampered = CausalityAnalyzer.analyze(List.of("vm1", "vm2", "vm3"), RunEvents.of(logs));

        Document broken = page(ReportLinks.web(), null, tampered);
        assertThat(broken.select("dd.carried-vectors span.bad").text())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,d of %,d equal to the derived ones", events - 1, events));
        assertThat(broken.select("ul.vector-differences li").text()).startsWith("vm1#4 carried {vm1=99}, derived {");
        assertThat(page(ReportLinks.web(), null, CausalityAnalyzer.analyze(List.of("vm1", "vm2", "vm3"),
                RunEvents.of(ReportFixtures.smallRun()))).select("dd.carried-vectors")).as("a Lamport run").isEmpty();
    }
}
