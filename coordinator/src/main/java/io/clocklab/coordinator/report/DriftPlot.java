package io.clocklab.coordinator.report;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;

import java.util.List;

/** How far each VM's logical clock is behind the highest clock in the cluster, over wall time. */
public final class DriftPlot {

    public static final String TITLE = "Gap behind the leading clock";

    private DriftPlot() {
    }

    /** The plot, with each VM in the colour {@code colors} gives it. */
    public static String render(RunSeries series, VmColors colors) {
        return TimeSeriesPlot.render(TITLE, "clock gap (ticks)", series.drift(), colors, false);
    }

    /** The run's plot with its outages shaded, each VM in the colour {@code colors} gives it. */
    public static String render(RunAnalysis analysis, VmColors colors) {
        return TimeSeriesPlot.render(TITLE, "clock gap (ticks)", analysis.series().drift(), colors, false,
                OutageBand.of(analysis.outages(), analysis.start()));
    }

    /** The plot, VMs coloured in the series' own order. */
    public static String render(RunSeries series) {
        return render(series, VmColors.of(List.copyOf(series.drift().keySet())));
    }
}
