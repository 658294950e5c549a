package io.clocklab.report;

import io.clocklab.core.analysis.Point;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A run's per-VM lines against wall time, overlaid on one pair of axes ({@link TimeSeriesPlot}). */
public enum RunPlot {

    /** The logical clock of every VM. */
    CLOCKS("Logical clocks", "logical clock (ticks)", RunSeries::clocks, false),
    /** How far each VM's logical clock is behind the highest clock in the cluster. */
    DRIFT("Gap behind the leading clock", "clock gap (ticks)", RunSeries::drift, false),
    /** Each VM's message queue length: a line that keeps rising is a VM that cannot keep up. */
    QUEUES("Message queue length", "messages waiting", RunSeries::queues, true);

    private final String title;
    private final String yLabel;
    private final Function<RunSeries, Map<String, List<Point>>> lines;
    private final boolean steps;

    RunPlot(String title, String yLabel, Function<RunSeries, Map<String, List<Point>>> lines, boolean steps) {
        this.title = title;
        this.yLabel = yLabel;
        this.lines = lines;
        this.steps = steps;
    }

    public String title() {
        return title;
    }

    /** The plot, with each VM in the colour {@code colors} gives it. */
    public String render(RunSeries series, VmColors colors) {
        return TimeSeriesPlot.render(title, yLabel, lines.apply(series), colors, steps);
    }

    /** The run's plot with its outages shaded, each VM in the colour {@code colors} gives it. */
    public String render(RunAnalysis analysis, VmColors colors) {
        return TimeSeriesPlot.render(title, yLabel, lines.apply(analysis.series()), colors, steps,
                OutageBand.of(analysis.outages(), analysis.start()));
    }

    /** The plot, VMs coloured in the series' own order. */
    public String render(RunSeries series) {
        return render(series, VmColors.of(List.copyOf(lines.apply(series).keySet())));
    }
}
