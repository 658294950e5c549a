package io.clocklab.coordinator.report;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.check.CheckReport;
import io.clocklab.core.check.DeliveryReport;
import io.clocklab.core.check.Undelivered;
import io.clocklab.core.check.Violation;
import io.clocklab.core.run.Outage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A run's report as one self-contained HTML page: parameters, the checker's verdict, the outages
 * and what became of the messages, per-VM statistics, the plots, a space-time window with
 * navigation, and downloads.
 */
public final class RunReportPage {

    /** Violations listed before "and N more". */
    public static final int MAX_VIOLATIONS_SHOWN = 50;
    /** Undelivered and lost messages listed, each, before "and N more". */
    public static final int MAX_MESSAGES_SHOWN = 50;

    private final ReportLinks links;

    public RunReportPage(ReportLinks links) {
        this.links = Objects.requireNonNull(links, "links");
    }

    /**
     * @param diagram the run's space-time diagram, or null when its events are not at hand
     * @param window  the window to show; null means the diagram's default window
     */
    public String render(RunView run, RunAnalysis analysis, SpaceTimeDiagram diagram, SpaceTimeWindow window) {
        VmColors colors = VmColors.forRun(analysis);
        StringBuilder body = new StringBuilder(64 * 1024);
        if (links.index() != null) {
            body.append("<nav class=\"crumbs\">").append(Html.link(links.index(), "← all runs")).append("</nav>\n");
        }
        body.append("<h1>Run <code>").append(Html.esc(run.id())).append("</code></h1>\n");
        parameters(body, run, analysis);
        verdict(body, analysis.verdict());
        outages(body, analysis.outages(), analysis.start(), colors);
        delivery(body, analysis.delivery(), run.state());
        statsTable(body, analysis, colors);
        body.append("<h2 id=\"plots\">Plots</h2>\n");
        thinned(body, analysis);
        body.append(Html.figure("clock-plot", RunPlot.CLOCKS.render(analysis, colors)));
        body.append(Html.figure("drift-plot", RunPlot.DRIFT.render(analysis, colors)));
        body.append(Html.figure("queue-plot", RunPlot.QUEUES.render(analysis, colors)));
        body.append(Html.figure("jump-plot", JumpHistogramPlot.render(analysis.vms(), colors)));
        spaceTime(body, run, diagram, window, analysis.outages());
        downloads(body, run);
        return Html.page("Run " + run.id() + " – clocklab", body.toString());
    }

    private void parameters(StringBuilder body, RunView run, RunAnalysis analysis) {
        body.append("<h2 id=\"parameters\">Parameters</h2>\n<dl class=\"params\">\n");
        param(body, "id", Html.esc(run.id()));
        param(body, "state", Html.esc(Html.orDash(run.state())));
        param(body, "mode", Html.esc(run.mode().json()));
        StringBuilder rates = new StringBuilder();
        for (Map.Entry<String, Integer> rate : run.clockRates().entrySet()) {
            rates.append(rates.isEmpty() ? "" : ", ").append(Html.esc(rate.getKey())).append(" ").append(rate.getValue()).append("/s");
        }
        param(body, "clock rates", rates.isEmpty() ? "–" : rates.toString());
        param(body, "random range", "1.." + run.randomRange());
        param(body, "seed", Html.esc(Html.orDash(run.seed())));
        param(body, "duration asked", run.durationSeconds() == null ? "until the next run" : run.durationSeconds() + " s");
        param(body, "started", Html.time(run.startedAt()));
        param(body, "ended", Html.time(run.endedAt()));
        param(body, "events", analysis.events() + " over " + Labels.number(analysis.durationSeconds(), 1) + " s");
        if (run.experimentId() != null) {
            String name = run.experimentName() != null ? run.experimentName() : run.experimentId();
            param(body, "experiment", Html.link(links.experiment(run.experimentId()), name));
        }
        body.append("</dl>\n");
    }

    private static void param(StringBuilder body, String name, String html) {
        body.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static void verdict(StringBuilder body, CheckReport verdict) {
        body.append("<h2 id=\"verdict\">Checker verdict</h2>\n");
        if (verdict == null) {
            body.append("<p class=\"muted\">Not checked.</p>\n");
            return;
        }
        if (verdict.passed()) {
            body.append("<div class=\"verdict passed\">✓ PASSED: ").append(verdict.eventsChecked())
                    .append(" events checked, every rule holds.</div>\n");
            return;
        }
        List<Violation> violations = verdict.violations();
        long total = verdict.violationCount();
        body.append("<div class=\"verdict failed\"><strong>✗ FAILED: ").append(total)
                .append(total == 1 ? " violation" : " violations").append("</strong> in ")
                .append(verdict.eventsChecked()).append(" events checked.\n<ul class=\"violations\">\n");
        for (Violation v : violations.subList(0, Math.min(MAX_VIOLATIONS_SHOWN, violations.size()))) {
            body.append("<li><code>").append(Html.esc(String.valueOf(v.rule()))).append("</code> at <code>")
                    .append(Html.esc(v.vm())).append('#').append(v.seq()).append("</code>: ").append(Html.esc(v.detail())).append("</li>\n");
        }
        body.append("</ul>\n");
        long shown = Math.min(MAX_VIOLATIONS_SHOWN, violations.size());
        if (total > shown) {
            body.append("<p class=\"more\">… and ").append(total - shown).append(" more (")
                    .append(total > violations.size() ? "the analysis JSON lists the first " + violations.size() + ", and counts them by rule"
                            : "see the analysis JSON").append(").</p>\n");
        }
        body.append("</div>\n");
    }

    /** The outages, when there were any: which VM, when (also as seconds since the run's first event) and why. */
    private static void outages(StringBuilder body, List<Outage> outages, Instant start, VmColors colors) {
        if (outages.isEmpty()) {
            return;
        }
        body.append("<h2 id=\"outages\">Outages</h2>\n<p class=\"muted\">Shaded in the plots and the space-time diagram.</p>\n")
                .append("<div class=\"scroll\"><table class=\"outages\">\n<thead><tr><th>VM</th><th>down from</th><th>back at</th>")
                .append("<th>cause</th></tr></thead>\n<tbody>\n");
        for (Outage outage : outages) {
            body.append("<tr><td>").append(Html.swatch(colors.color(outage.vm()))).append(Html.esc(outage.vm())).append("</td><td>")
                    .append(when(outage.from(), start)).append("</td><td>")
                    .append(outage.to() == null ? "still down when the run ended" : when(outage.to(), start)).append("</td><td>")
                    .append(Html.esc(Html.orDash(outage.cause()))).append("</td></tr>\n");
        }
        body.append("</tbody></table></div>\n");
    }

    private static String when(Instant at, Instant start) {
        String time = Html.time(at);
        if (start == null) {
            return time;
        }
        Duration since = Duration.between(start, at);
        return time + " <span class=\"muted\">(" + Labels.number(since.getSeconds() + since.getNano() / 1e9, 1) + " s)</span>";
    }

    /** What became of every message: counts, then the lost and the undelivered ones, each list capped. */
    private static void delivery(StringBuilder body, DeliveryReport delivery, String state) {
        if (delivery == null) {
            return;
        }
        body.append("<h2 id=\"delivery\">Message delivery</h2>\n");
        if ("RUNNING".equals(state)) {
            body.append("<p class=\"muted\">The run is still going: these are the books so far.</p>\n");
        }
        Map<Undelivered.Reason, Long> byReason = delivery.countByReason();
        body.append("<dl class=\"params delivery\">\n");
        param(body, "addressed", delivery.addressed() + " <span class=\"muted\">(a SEND to every peer counts once per recipient)</span>");
        param(body, "received", Long.toString(delivery.received()));
        StringBuilder reasons = new StringBuilder();
        for (var entry : byReason.entrySet()) {
            if (entry.getValue() > 0) {
                reasons.append(reasons.isEmpty() ? " (" : ", ").append(entry.getKey()).append(' ').append(entry.getValue());
            }
        }
        param(body, "undelivered", delivery.undeliveredCount() + (reasons.isEmpty() ? "" : reasons + ")"));
        param(body, "lost", "<span class=\"" + (delivery.lostCount() == 0 ? "ok" : "bad") + "\">" + delivery.lostCount() + "</span>");
        if (delivery.unaccounted() != 0) {
            param(body, "not accounted for", delivery.unaccounted() + " <span class=\"muted\">(no end state was collected: the final"
                    + " queue lengths cannot tell whether these were still queued or lost; the checker's CONSERVATION counts the losses)</span>");
        }
        body.append("</dl>\n");
        List<String> lost = delivery.lost();
        if (!lost.isEmpty()) {
            body.append("<div class=\"verdict failed lost\"><strong>✗ ").append(delivery.lostCount())
                    .append(delivery.lostCount() == 1 ? " message" : " messages").append(" lost</strong>\n<ul class=\"lost\">\n");
            for (String pair : lost.subList(0, Math.min(MAX_MESSAGES_SHOWN, lost.size()))) {
                body.append("<li><code>").append(Html.esc(pair)).append("</code></li>\n");
            }
            body.append("</ul>\n");
            more(body, delivery.lostCount());
            body.append("</div>\n");
        }
        List<Undelivered> undelivered = delivery.undelivered();
        if (!undelivered.isEmpty()) {
            int shown = Math.min(MAX_MESSAGES_SHOWN, undelivered.size());
            body.append("<details class=\"undelivered\">\n<summary>Undelivered messages: ").append(delivery.undeliveredCount())
                    .append(shown < delivery.undeliveredCount() ? ", the first " + shown + " listed" : "").append("</summary>\n")
                    .append("<ul class=\"reasons muted\">\n");
            for (var entry : byReason.entrySet()) {
                if (entry.getValue() > 0) {
                    body.append("<li><code>").append(entry.getKey()).append("</code>: ").append(Html.esc(entry.getKey().description()))
                            .append("</li>\n");
                }
            }
            body.append("</ul>\n<div class=\"scroll\"><table class=\"undelivered\">\n<thead><tr><th>message</th><th>from</th>")
                    .append("<th>to</th><th>reason</th></tr></thead>\n<tbody>\n");
            for (Undelivered u : undelivered.subList(0, shown)) {
                body.append("<tr><td><code>").append(Html.esc(u.messageId())).append("</code></td><td>").append(Html.esc(u.from()))
                        .append("</td><td>").append(Html.esc(u.to())).append("</td><td title=\"")
                        .append(Html.esc(u.reason().description())).append("\"><code>").append(u.reason()).append("</code></td></tr>\n");
            }
            body.append("</tbody></table></div>\n");
            more(body, delivery.undeliveredCount());
            body.append("</details>\n");
        }
    }

    private static void more(StringBuilder body, long total) {
        if (total > MAX_MESSAGES_SHOWN) {
            body.append("<p class=\"more\">… and ").append(total - MAX_MESSAGES_SHOWN).append(" more (see the analysis JSON).</p>\n");
        }
    }

    private record Row(String name, Function<VmAnalysis, String> value) {
    }

    private static final List<Object> STATS = List.of(
            "Rate and events",
            new Row("rate given (ticks/s)", v -> Long.toString(v.clockRate())),
            new Row("rate measured (events/s)", v -> Labels.number(v.measuredRate(), 2)),
            new Row("events", v -> Long.toString(v.events())),
            new Row("SEND", v -> Long.toString(v.sends())),
            new Row("RECEIVE", v -> Long.toString(v.receives())),
            new Row("INTERNAL", v -> Long.toString(v.internals())),
            new Row("final clock", v -> Long.toString(v.finalClock())),
            "Jumps at RECEIVE (ticks)",
            new Row("mean", v -> Labels.number(v.jumps().mean(), 2)),
            new Row("p50", v -> Labels.number(v.jumps().p50(), 1)),
            new Row("p95", v -> Labels.number(v.jumps().p95(), 1)),
            new Row("max", v -> Long.toString(v.jumps().max())),
            "Drift behind the leading clock (ticks)",
            new Row("final", v -> Long.toString(v.drift().finalGap())),
            new Row("max", v -> Long.toString(v.drift().maxGap())),
            new Row("slope (ticks/s)", v -> Labels.number(v.drift().slopePerSecond(), 3)),
            "Message queue",
            new Row("max", v -> Long.toString(v.queue().max())),
            new Row("mean", v -> Labels.number(v.queue().mean(), 2)),
            new Row("growth (messages/s)", v -> Labels.number(v.queue().growthPerSecond(), 3)),
            new Row("model prediction (messages/s)", v -> Labels.number(v.queue().predictedGrowthPerSecond(), 3)),
            "Messages",
            new Row("sent", v -> Long.toString(v.messages().sent())),
            new Row("addressed here", v -> Long.toString(v.messages().addressedHere())),
            new Row("received", v -> Long.toString(v.messages().received())),
            new Row("still queued", v -> Long.toString(v.messages().queued())));

    /** Metrics as rows and VMs as columns: a run has few VMs and many metrics. */
    private static void statsTable(StringBuilder body, RunAnalysis analysis, VmColors colors) {
        body.append("<h2 id=\"stats\">Per-VM statistics</h2>\n");
        if (analysis.vms().isEmpty()) {
            body.append("<p class=\"muted\">No VM logged anything.</p>\n");
            return;
        }
        body.append("<div class=\"scroll\"><table class=\"stats\">\n<thead><tr><th></th>");
        for (VmAnalysis vm : analysis.vms()) {
            body.append("<th class=\"num\">").append(Html.swatch(colors.color(vm.vm()))).append(Html.esc(vm.vm())).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        int columns = analysis.vms().size() + 1;
        for (Object item : STATS) {
            if (item instanceof String group) {
                body.append("<tr class=\"group\"><th colspan=\"").append(columns).append("\">").append(Html.esc(group)).append("</th></tr>\n");
                continue;
            }
            Row row = (Row) item;
            body.append("<tr><td>").append(Html.esc(row.name())).append("</td>");
            for (VmAnalysis vm : analysis.vms()) {
                body.append("<td class=\"num\">").append(Html.esc(row.value().apply(vm))).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody></table></div>\n");
        sampledJumps(body, analysis);
    }

    /**
     * Which VMs' jump percentiles and histogram come from a sample (the analysis keeps at most
     * {@code jumpSample} jumps per VM, docs/analysis.md): one line each, nothing when none.
     */
    private static void sampledJumps(StringBuilder body, RunAnalysis analysis) {
        List<VmAnalysis> sampled = analysis.vms().stream().filter(vm -> vm.jumps().sampled()).toList();
        if (sampled.isEmpty()) {
            return;
        }
        body.append("<ul class=\"muted sampled\">\n");
        for (VmAnalysis vm : sampled) {
            body.append("<li>p50, p95 and the histogram of ").append(Html.esc(vm.vm())).append("'s jumps from a uniform sample of ")
                    .append(count(vm.jumps().sampleSize())).append(" of ").append(count(vm.jumps().count()))
                    .append(" (count, mean and max are over every jump)</li>\n");
        }
        body.append("</ul>\n");
    }

    /** Says that long series are thinned for the plots, when the run is long enough for that. */
    private static void thinned(StringBuilder body, RunAnalysis analysis) {
        if (analysis.events() <= RunSeries.MAX_POINTS) {
            return;
        }
        body.append("<p class=\"muted thinned\">Each line is thinned to at most ").append(count(RunSeries.MAX_POINTS))
                .append(" points per VM, first and last kept: the clocks evenly; the drift and the queues keep the lowest and the")
                .append(" highest point of each stretch, so a one-event spike still shows. The statistics are over every event.</p>\n");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private void spaceTime(StringBuilder body, RunView run, SpaceTimeDiagram diagram, SpaceTimeWindow requested, List<Outage> outages) {
        body.append("<h2 id=\"space-time\">Space-time diagram</h2>\n");
        if (diagram == null) {
            body.append("<p class=\"muted\">The events of this run are not available.</p>\n");
            return;
        }
        SpaceTimeWindow window = requested != null ? requested : diagram.defaultWindow();
        String first = links.runWindow(run.id(), diagram.defaultWindow());
        if (first != null) {
            body.append("<div class=\"toolbar\">");
            tool(body, window.atStart() ? null : links.runWindow(run.id(), window.previous()), "← earlier");
            tool(body, links.runWindow(run.id(), window.zoomIn()), "zoom in");
            tool(body, links.runWindow(run.id(), window.zoomOut()), "zoom out");
            tool(body, window.toSeconds() > diagram.durationSeconds() ? null : links.runWindow(run.id(), window.next()), "later →");
            tool(body, first, "first window");
            body.append("</div>\n");
        } else {
            body.append("<p class=\"muted\">The first window of the run; the web report lets you move and zoom.</p>\n");
        }
        body.append(Html.figure("space-time-diagram", diagram.render(window, outages)));
    }

    private static void tool(StringBuilder body, String href, String text) {
        body.append(href == null ? "<span>" + Html.esc(text) + "</span>" : Html.link(href, text));
    }

    private void downloads(StringBuilder body, RunView run) {
        body.append("<h2 id=\"downloads\">Downloads</h2>\n<ul class=\"downloads\">\n");
        download(body, links.statsCsv(run.id()), "per-VM statistics (CSV)");
        download(body, links.logsZip(run.id()), "event logs (zip of JSON Lines)");
        download(body, links.analysisJson(run.id()), "full analysis (JSON)");
        body.append("</ul>\n");
    }

    private static void download(StringBuilder body, String href, String text) {
        if (href != null) {
            body.append("<li>").append(Html.link(href, text)).append("</li>\n");
        }
    }
}
