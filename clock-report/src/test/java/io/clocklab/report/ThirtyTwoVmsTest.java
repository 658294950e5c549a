package io.clocklab.report;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunAnalyzer;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunMode;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated run of 32 VMs (the most the report promises distinct colours for), analysed and drawn.
 * The VMs come in the order a coordinator hands them out (its registry sorts names as text: vm1, vm10,
 * vm11 … vm19, vm2, vm20 …); the report shows them in natural order (vm1, vm2 … vm32).
 */
class ThirtyTwoVmsTest {

    static final List<String> NATURAL = IntStream.rangeClosed(1, 32).mapToObj(i -> "vm" + i).toList();
    static final List<String> AS_REGISTERED = NATURAL.stream().sorted().toList();
    /** Above N = 32, so rolls 1..31 reach every peer, 32 all of them, and the rest are internal events. */
    static final int RANDOM_RANGE = 40;

    static final Map<String, Integer> RATES = rates();
    static final RunData RUN = Simulator.run(SimulationSpec.of("run-32", RATES, 32, Duration.ofSeconds(20)).withRandomRange(RANDOM_RANGE));
    static final RunAnalysis ANALYSIS = RunAnalyzer.analyze(RUN);
    static final VmColors COLORS = VmColors.forRun(ANALYSIS);

    private static Map<String, Integer> rates() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 0; i < AS_REGISTERED.size(); i++) {
            rates.put(AS_REGISTERED.get(i), 1 + i % 6);
        }
        return rates;
    }

    @Test
    void theSimulatorRunsThirtyTwoVmsAndEveryOneSendsAndReceives() {
        assertThat(RUN.events().vms()).containsExactlyElementsOf(AS_REGISTERED);
        assertThat(ANALYSIS.verdict().passed()).as(ANALYSIS.verdict().toString()).isTrue();
        assertThat(ANALYSIS.vms()).hasSize(32).allSatisfy(vm -> {
            assertThat(vm.sends()).as(vm.vm() + " sends").isPositive();
            assertThat(vm.receives()).as(vm.vm() + " receives").isPositive();
        });
    }

    @Test
    void thirtyTwoVmsGetThirtyTwoDistinctColourAndDashPairsTheSameInEveryPlot() {
        Set<String> pairs = new HashSet<>();
        for (String vm : NATURAL) {
            pairs.add(COLORS.color(vm) + " / " + COLORS.dash(vm));
        }
        assertThat(pairs).hasSize(VmColors.DISTINCT).hasSize(32);
        // vm1..vm8 solid, then the same eight colours dashed, dotted, dash-dotted
        assertThat(COLORS.dash("vm1")).isNull();
        assertThat(COLORS.color("vm9")).isEqualTo(COLORS.color("vm1"));
        assertThat(List.of(COLORS.dash("vm9"), COLORS.dash("vm17"), COLORS.dash("vm25"))).doesNotContainNull().doesNotHaveDuplicates();
        // the order given does not move a colour: a VM's pair is the same however a report lists the VMs
        assertThat(VmColors.of(AS_REGISTERED).color("vm10")).isEqualTo(VmColors.of(NATURAL).color("vm10"));
        assertThat(VmColors.of(AS_REGISTERED).dash("vm10")).isEqualTo(VmColors.of(NATURAL).dash("vm10"));

        for (RunPlot plot : RunPlot.values()) {
            XmlDoc doc = XmlDoc.parse(plot.render(ANALYSIS, COLORS));
            Set<String> drawn = new HashSet<>();
            for (String vm : NATURAL) {
                String line = "//g[@class='series'][@data-vm='" + vm + "']/polyline";
                assertThat(doc.text(line + "/@stroke")).as(plot + " " + vm).isEqualTo(COLORS.color(vm));
                assertThat(doc.text(line + "/@stroke-dasharray")).as(plot + " " + vm).isEqualTo(nullToEmpty(COLORS.dash(vm)));
                drawn.add(doc.text(line + "/@stroke") + " / " + doc.text(line + "/@stroke-dasharray"));
            }
            assertThat(drawn).as(plot.title()).hasSize(32);
            assertThat(doc.count("//g[@class='series']/@data-vm")).isEqualTo(32);
            assertThat(attributes(doc, "//g[@class='series']/@data-vm")).as("drawn in natural order").containsExactlyElementsOf(NATURAL);
        }
    }

    @Test
    void theLegendOfThirtyTwoVmsIsInColumnsUnderThePlotInsideThePictureAndNoTwoEntriesOverlap() {
        for (RunPlot plot : RunPlot.values()) {
            XmlDoc doc = XmlDoc.parse(plot.render(ANALYSIS, COLORS));
            double width = Double.parseDouble(doc.text("/svg/@width"));
            double height = Double.parseDouble(doc.text("/svg/@height"));
            String entries = "//g[contains(@class,'legend')]/text[@data-vm]";
            assertThat(attributes(doc, entries + "/@data-vm")).as("listed in natural order").containsExactlyElementsOf(NATURAL);
            NodeList swatches = doc.nodes("//g[contains(@class,'legend')]/line");
            assertThat(swatches.getLength()).isEqualTo(32);
            List<double[]> boxes = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                var text = (org.w3c.dom.Element) doc.nodes(entries).item(i);
                var swatch = (org.w3c.dom.Element) swatches.item(i);
                String vm = text.getAttribute("data-vm");
                assertThat(swatch.getAttribute("stroke")).isEqualTo(COLORS.color(vm));
                assertThat(swatch.getAttribute("stroke-dasharray")).isEqualTo(nullToEmpty(COLORS.dash(vm)));
                double left = Double.parseDouble(swatch.getAttribute("x1"));
                double right = Double.parseDouble(text.getAttribute("x")) + text.getTextContent().length() * PlotFrame.CHAR_WIDTH;
                double baseline = Double.parseDouble(text.getAttribute("y"));
                boxes.add(new double[] {left, baseline - 12, right, baseline + 4});
            }
            double axisLabel = Double.parseDouble(doc.text("//text[starts-with(., 'wall time')]/@y"));
            for (int i = 0; i < boxes.size(); i++) {
                double[] a = boxes.get(i);
                assertThat(a[0]).as("entry %d inside the picture", i).isGreaterThanOrEqualTo(0);
                assertThat(a[2]).as("entry %d inside the picture", i).isLessThanOrEqualTo(width);
                assertThat(a[3]).as("entry %d inside the picture", i).isLessThanOrEqualTo(height);
                assertThat(a[1]).as("entry %d under the axis label", i).isGreaterThan(axisLabel + 3);
                for (int j = i + 1; j < boxes.size(); j++) {
                    double[] b = boxes.get(j);
                    boolean apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
                    assertThat(apart).as("%s: legend entries %d and %d overlap", plot.title(), i, j).isTrue();
                }
            }
            // eight columns: one row per dash pattern
            assertThat(boxes.stream().mapToDouble(box -> box[1]).distinct().count()).isEqualTo(4);
        }
    }

    @Test
    void theSpaceTimeDiagramHasAllThirtyTwoLanesInNameOrderWithLabelsApart() {
        SpaceTimeDiagram diagram = new SpaceTimeDiagram(RUN.events().toMap(), ANALYSIS.start(), COLORS, SpaceTimeDiagram.DEFAULT_CAP);
        XmlDoc doc = XmlDoc.parse(diagram.render(diagram.defaultWindow()));

        assertThat(doc.count("//line[@class='lane']")).isEqualTo(32);
        assertThat(attributes(doc, "//text[@class='lane-label']/@data-vm")).containsExactlyElementsOf(NATURAL);
        List<String> ys = attributes(doc, "//text[@class='lane-label']/@y");
        for (int i = 1; i < ys.size(); i++) {
            // 12 px bold names: a lane at least MIN_LANE apart leaves room between them
            assertThat(Double.parseDouble(ys.get(i)) - Double.parseDouble(ys.get(i - 1))).isGreaterThanOrEqualTo(SpaceTimeDiagram.MIN_LANE);
        }
        assertThat(attributes(doc, "//text[@class='lane-label']")).containsExactlyElementsOf(NATURAL);
        for (String vm : NATURAL) {
            assertThat(doc.text("//text[@class='lane-label'][@data-vm='" + vm + "']/@fill")).isEqualTo(COLORS.color(vm));
        }
        // every lane fits in the picture, which stays about one screenful high, not 32 full-height lanes
        double height = Double.parseDouble(doc.text("/svg/@height"));
        assertThat(Double.parseDouble(ys.get(31))).isLessThan(height);
        assertThat(height).isLessThan(SpaceTimeDiagram.TOP + 32 * SpaceTimeDiagram.LANE / 2);
        assertThat(doc.count("//g[@class='events']/*[@class='send' or @class='receive']")).isPositive();
    }

    @Test
    void theJumpHistogramsHaveAPanelPerVmInNameOrder() {
        XmlDoc doc = XmlDoc.parse(JumpHistogramPlot.render(ANALYSIS.vms(), COLORS));
        assertThat(attributes(doc, "//g[@class='series']/@data-vm")).containsExactlyElementsOf(NATURAL);
        assertThat(Double.parseDouble(doc.text("/svg/@height")))
                .isEqualTo(JumpHistogramPlot.TOP + 11 * JumpHistogramPlot.PANEL_HEIGHT);
    }

    @Test
    void theRunPageAndItsCsvListTheVmsInNameOrder(@TempDir Path dir) throws Exception {
        RunView view = new RunView("run-32", "FINISHED", RunMode.SIMULATED, RATES, RANDOM_RANGE, 32L, 20, ANALYSIS.start(),
                ANALYSIS.end(), null, null);
        StaticReport.writeRun(dir, new RunReportData(view, ANALYSIS, RUN.events(), Map.of()));

        Document page = Pages.parse(Files.readString(dir.resolve("index.html")));
        Element stats = page.selectFirst("table.stats");
        assertThat(stats.select("thead th.num").eachText()).containsExactlyElementsOf(NATURAL);
        assertThat(Pages.row(stats, "rate given (ticks/s)")).containsExactlyElementsOf(
                NATURAL.stream().map(vm -> Integer.toString(RATES.get(vm))).toList());
        String rates = Pages.definitions(page.selectFirst("dl.params")).get("clock rates");
        assertThat(rates).startsWith("vm1 1/s, vm2 ").endsWith("vm32 " + RATES.get("vm32") + "/s");
        assertThat(page.select("figure svg, svg")).isNotEmpty();

        List<String> csv = Files.readAllLines(dir.resolve("stats.csv"));
        assertThat(csv.subList(1, csv.size())).extracting(line -> line.split(",")[1]).containsExactlyElementsOf(NATURAL);
        // the analysis itself keeps the run's own (model) order
        assertThat(ANALYSIS.vms()).extracting(VmAnalysis::vm).containsExactlyElementsOf(AS_REGISTERED);
        for (String svg : List.of("clocks.svg", "drift.svg", "queues.svg", "jumps.svg", "space-time.svg")) {
            XmlDoc.parse(Files.readString(dir.resolve(svg)));
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static List<String> attributes(XmlDoc doc, String xpath) {
        NodeList nodes = doc.nodes(xpath);
        List<String> values = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent());
        }
        return values;
    }

}
