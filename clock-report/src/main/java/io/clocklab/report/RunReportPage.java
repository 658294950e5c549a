package io.clocklab.report;

import io.clocklab.core.analysis.HybridReport;
import io.clocklab.core.analysis.HybridVm;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.causality.FalseOrdering;
import io.clocklab.core.check.Rule;
import io.clocklab.core.check.Undelivered;
import io.clocklab.core.control.Names;
import io.clocklab.core.run.MeasuredRate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A run's report as one self-contained HTML page ({@code run.jte}): parameters, the checker's
 * verdict, the outages and what became of the messages, per-VM statistics, the plots, a space-time
 * window with navigation, and downloads. This class works out what the page links to and draws its
 * figures; the template lays them out.
 */
public final class RunReportPage {

    /** Violations listed before "and N more". */
    public static final int MAX_VIOLATIONS_SHOWN = 50;
    /** Undelivered and lost messages listed, each, before "and N more". */
    public static final int MAX_MESSAGES_SHOWN = 50;

    /**
     * One row of the per-VM statistics: a metric and how to read it off a VM's analysis, or, with
     * no {@code value}, the heading of a group of rows.
     */
    record Stat(String name, Function<VmAnalysis, String> value) {
        static Stat group(String name) {
            return new Stat(name, null);
        }
    }

    /**
     * Metrics as rows and VMs as columns: a run has fewer VMs than metrics, most of the time; with many
     * VMs the table scrolls sideways and the metric names stay put.
     */
    static final List<Stat> STATS = List.of(
            Stat.group("Rate and events"),
            new Stat("rate given (ticks/s)", v -> Long.toString(v.clockRate())),
            new Stat("rate measured (events/s)", v -> Labels.number(v.measuredRate(), 2)),
            new Stat("events", v -> Long.toString(v.events())),
            new Stat("SEND", v -> Long.toString(v.sends())),
            new Stat("RECEIVE", v -> Long.toString(v.receives())),
            new Stat("INTERNAL", v -> Long.toString(v.internals())),
            new Stat("final clock", v -> Long.toString(v.finalClock())),
            Stat.group("Jumps at RECEIVE (ticks)"),
            new Stat("mean", v -> Labels.number(v.jumps().mean(), 2)),
            new Stat("p50", v -> Labels.number(v.jumps().p50(), 1)),
            new Stat("p95", v -> Labels.number(v.jumps().p95(), 1)),
            new Stat("max", v -> Long.toString(v.jumps().max())),
            Stat.group("Drift behind the leading clock (ticks)"),
            new Stat("final", v -> Long.toString(v.drift().finalGap())),
            new Stat("max", v -> Long.toString(v.drift().maxGap())),
            new Stat("slope (ticks/s)", v -> Labels.number(v.drift().slopePerSecond(), 3)),
            Stat.group("Message queue"),
            new Stat("max", v -> Long.toString(v.queue().max())),
            new Stat("mean", v -> Labels.number(v.queue().mean(), 2)),
            new Stat("growth (messages/s)", v -> Labels.number(v.queue().growthPerSecond(), 3)),
            new Stat("model prediction (messages/s)", v -> Labels.number(v.queue().predictedGrowthPerSecond(), 3)),
            Stat.group("Messages"),
            new Stat("sent", v -> Long.toString(v.messages().sent())),
            new Stat("addressed here", v -> Long.toString(v.messages().addressedHere())),
            new Stat("received", v -> Long.toString(v.messages().received())),
            new Stat("still queued", v -> Long.toString(v.messages().queued())));

    /** A link of the page; in the space-time toolbar a null {@code href} is a step that goes nowhere, shown greyed. */
    record Link(String href, String text) {
    }

    /**
     * The page's model: {@code run.jte}'s one parameter.
     *
     * @param index      the link back to the index, or null
     * @param experiment the link to the run's experiment, or null
     * @param vms        the VMs' analyses in the order the page shows them: natural name order (vm2 before vm10)
     * @param clockRates the rates as one line ("vm1 1/s, vm2 3/s"), in natural name order
     * @param thinnedTo  how many points a plotted line keeps, when the run is long enough to be thinned; else null
     * @param spaceTime  the space-time window, or null when the run's events are not at hand
     * @param navigation the space-time toolbar; empty when the report cannot move the window (the static report)
     */
    record Model(RunView run, RunAnalysis analysis, List<VmAnalysis> vms, VmColors colors, String index, String experiment, String clockRates,
                 String thinnedTo, List<Figure> plots, Figure spaceTime, List<Link> navigation, List<Link> downloads, Causality causality,
                 String causalityNote, boolean causalClicks, Hybrid hybrid) {
    }

    /**
     * The hybrid-clock section: the report, the plot of {@code l - pt} with the ε band (null when not analysed), and the VMs in
     * natural name order.
     */
    record Hybrid(HybridReport report, Figure plot, List<HybridVm> vms) {
    }

    /**
     * The happens-before section: the figures, the plot of the concurrent share over time, and the
     * false orderings, each with a link to a space-time window holding both events (null where the
     * report cannot pick a window).
     */
    record Causality(CausalityReport report, Figure plot, List<Ordering> examples) {
    }

    record Ordering(FalseOrdering pair, String window) {
    }

    /** The name of the one line of the concurrency plot. */
    static final String ALL_PAIRS = "pairs of events in the window";

    private final ReportLinks links;

    public RunReportPage(ReportLinks links) {
        this.links = Objects.requireNonNull(links, "links");
    }

    /**
     * @param diagram the run's space-time diagram, or null when its events are not at hand
     * @param window  the window to show; null means the diagram's default window
     */
    public String render(RunView run, RunAnalysis analysis, SpaceTimeDiagram diagram, SpaceTimeWindow window) {
        return render(run, analysis, null, diagram, window);
    }

    /**
     * @param causality the run's happens-before, or null when it was not derived (the page says when it is)
     * @param diagram   the run's space-time diagram, or null when its events are not at hand
     * @param window    the window to show; null means the diagram's default window
     */
    public String render(RunView run, RunAnalysis analysis, CausalityReport causality, SpaceTimeDiagram diagram, SpaceTimeWindow window) {
        return render(run, analysis, causality, null, diagram, window);
    }

    /**
     * @param causalityNote without {@code causality}, what to say instead (it is being derived, or why it was not); null for the default
     */
    public String render(RunView run, RunAnalysis analysis, CausalityReport causality, String causalityNote, SpaceTimeDiagram diagram,
                         SpaceTimeWindow window) {
        return render(run, analysis, causality, causalityNote, null, diagram, window);
    }

    /**
     * @param hybrid the run's hybrid clocks against their bounds ({@code HybridAnalyzer}); null for no section (a run that did
     *               not use the hybrid clock). One that was not analysed ({@link HybridReport#reason()}) shows its reason.
     */
    public String render(RunView run, RunAnalysis analysis, CausalityReport causality, String causalityNote, HybridReport hybrid,
                         SpaceTimeDiagram diagram, SpaceTimeWindow window) {
        VmColors colors = VmColors.forRun(analysis);
        List<Figure> plots = List.of(
                new Figure("clock-plot", RunPlot.CLOCKS.render(analysis, colors)),
                new Figure("drift-plot", RunPlot.DRIFT.render(analysis, colors)),
                new Figure("queue-plot", RunPlot.QUEUES.render(analysis, colors)),
                new Figure("jump-plot", JumpHistogramPlot.render(analysis.vms(), colors)));
        Figure spaceTime = null;
        List<Link> navigation = List.of();
        if (diagram != null) {
            SpaceTimeWindow shown = window != null ? window : diagram.defaultWindow();
            spaceTime = new Figure("space-time-diagram", diagram.render(shown, analysis.outages()));
            navigation = navigation(run.id(), diagram, shown);
        }
        return Templates.render("run.jte", new Model(run, analysis, inNameOrder(analysis.vms()), colors, links.index(),
                run.experimentId() == null ? null : links.experiment(run.experimentId()), clockRates(run),
                analysis.events() > RunSeries.MAX_POINTS ? count(RunSeries.MAX_POINTS) : null,
                plots, spaceTime, navigation, downloads(run.id(), causality != null, hybrid != null && hybrid.analysed()),
                causality == null ? null : causality(run.id(), analysis, causality), causality == null ? causalityNote : null,
                diagram != null && diagram.hasVectors(), hybrid == null ? null : hybrid(analysis, hybrid, colors)));
    }

    /** The legend entry of the ε band. */
    static String epsilonBand(long epsilonMillis) {
        return "0..ε (" + epsilonMillis + " ms)";
    }

    private static Hybrid hybrid(RunAnalysis analysis, HybridReport report, VmColors colors) {
        if (!report.analysed()) {
            return new Hybrid(report, null, List.of());
        }
        Figure plot = new Figure("hybrid-plot", TimeSeriesPlot.render("Hybrid clock ahead of physical time",
                "How far each VM's hybrid clock l is ahead of its own physical clock pt, in milliseconds, against wall time since the"
                        + " run's first event; the shaded band is 0 to ε, where the paper proves it stays",
                "l − pt (ms)", report.aheadOverTime(), colors, false, OutageBand.of(analysis.outages(), analysis.start()),
                new TimeSeriesPlot.ValueBand(0, report.epsilonMillis(), epsilonBand(report.epsilonMillis()))));
        List<HybridVm> vms = report.vms().stream().sorted(Comparator.comparing(HybridVm::vm, Names.NATURAL_ORDER)).toList();
        return new Hybrid(report, plot, vms);
    }

    /** The skews ε was worked out from, as "vm2 +40 ms, +200 ppm; vm3 -10 ms"; "none" without. */
    static String skews(HybridReport report) {
        List<String> parts = new ArrayList<>();
        report.clockSkew().entrySet().stream().sorted(Map.Entry.comparingByKey(Names.NATURAL_ORDER)).forEach(entry -> {
            var skew = entry.getValue();
            String part = entry.getKey() + " " + (skew.offsetMillis() >= 0 ? "+" : "") + skew.offsetMillis() + " ms";
            if (skew.driftPpm() != 0) {
                part += ", " + (skew.driftPpm() > 0 ? "+" : "") + Labels.number(skew.driftPpm(), 1) + " ppm";
            }
            parts.add(part);
        });
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /** What a VM broke of the bounds, as "2 below pt, 1 over ε"; "none" when nothing. */
    static String breaches(HybridVm vm) {
        List<String> parts = new ArrayList<>();
        if (vm.notMonotonic() > 0) {
            parts.add(vm.notMonotonic() + " not monotonic (first at #" + vm.firstNotMonotonic() + ")");
        }
        if (vm.belowPhysical() > 0) {
            parts.add(vm.belowPhysical() + " with l < pt");
        }
        if (vm.overEpsilon() > 0) {
            parts.add(vm.overEpsilon() + " over ε");
        }
        if (vm.overCBound() > 0) {
            parts.add(vm.overCBound() + " with c over its bound");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private Causality causality(String runId, RunAnalysis analysis, CausalityReport report) {
        Figure plot = new Figure("concurrency-plot", TimeSeriesPlot.render("Concurrent pairs",
                "The share of the pairs of events in each window of " + Labels.number(report.windowSeconds(), 3)
                        + " s that are concurrent, against wall time since the run's first event",
                "share concurrent", Map.of(ALL_PAIRS, report.concurrentShareOverTime()), VmColors.of(List.of(ALL_PAIRS)), true, List.of()));
        List<Ordering> examples = new ArrayList<>();
        for (FalseOrdering pair : report.falseOrderingExamples()) {
            examples.add(new Ordering(pair, window(runId, analysis, pair)));
        }
        return new Causality(report, plot, examples);
    }

    /** A space-time window around both events, a tenth of their distance (at least 0.2 s) either side. */
    private String window(String runId, RunAnalysis analysis, FalseOrdering pair) {
        if (analysis.start() == null) {
            return null;
        }
        double a = MeasuredRate.seconds(Duration.between(analysis.start(), pair.lower().systemTime()));
        double b = MeasuredRate.seconds(Duration.between(analysis.start(), pair.higher().systemTime()));
        double pad = Math.max(0.2, Math.abs(b - a) / 10);
        return links.runWindow(runId, SpaceTimeWindow.of(Math.max(0, Math.min(a, b) - pad), Math.max(a, b) + pad));
    }

    /** Rules as the page lists them: their names, comma-separated. */
    public static String rules(List<Rule> rules) {
        return rules.stream().map(Rule::name).collect(java.util.stream.Collectors.joining(", "));
    }

    /** A run's VMs as tables and plots show them: natural name order, not the run's fixed (model) order. */
    static List<VmAnalysis> inNameOrder(List<VmAnalysis> vms) {
        return vms.stream().sorted(Comparator.comparing(VmAnalysis::vm, Names.NATURAL_ORDER)).toList();
    }

    private static String clockRates(RunView run) {
        StringBuilder rates = new StringBuilder();
        List<Map.Entry<String, Integer>> byName = run.clockRates().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Names.NATURAL_ORDER)).toList();
        for (Map.Entry<String, Integer> rate : byName) {
            rates.append(rates.isEmpty() ? "" : ", ").append(rate.getKey()).append(' ').append(rate.getValue()).append("/s");
        }
        return rates.isEmpty() ? "–" : rates.toString();
    }

    private List<Link> navigation(String runId, SpaceTimeDiagram diagram, SpaceTimeWindow window) {
        String first = links.runWindow(runId, diagram.defaultWindow());
        if (first == null) {
            return List.of();
        }
        return List.of(
                new Link(window.atStart() ? null : links.runWindow(runId, window.previous()), "← earlier"),
                new Link(links.runWindow(runId, window.zoomIn()), "zoom in"),
                new Link(links.runWindow(runId, window.zoomOut()), "zoom out"),
                new Link(window.toSeconds() > diagram.durationSeconds() ? null : links.runWindow(runId, window.next()), "later →"),
                new Link(first, "first window"));
    }

    private List<Link> downloads(String runId, boolean causality, boolean hybrid) {
        List<Link> downloads = new ArrayList<>(5);
        add(downloads, links.statsCsv(runId), "per-VM statistics (CSV)");
        add(downloads, links.logsZip(runId), "event logs (zip of JSON Lines)");
        add(downloads, links.analysisJson(runId), "full analysis (JSON)");
        if (causality) {
            add(downloads, links.causalityJson(runId), "happens-before (JSON)");
            add(downloads, links.shivizLog(runId), "the run for ShiViz (vector clocks)");
        }
        if (hybrid) {
            add(downloads, links.hybridJson(runId), "hybrid clocks against their bounds (JSON)");
        }
        return downloads;
    }

    static void add(List<Link> downloads, String href, String text) {
        if (href != null) {
            downloads.add(new Link(href, text));
        }
    }

    /** The reasons of the undelivered messages with their counts, as " (QUEUED 3, IN_TRANSIT 1)"; "" when none. */
    static String reasons(Map<Undelivered.Reason, Long> byReason) {
        StringBuilder reasons = new StringBuilder();
        for (var entry : byReason.entrySet()) {
            if (entry.getValue() > 0) {
                reasons.append(reasons.isEmpty() ? " (" : ", ").append(entry.getKey()).append(' ').append(entry.getValue());
            }
        }
        return reasons.isEmpty() ? "" : reasons + ")";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
