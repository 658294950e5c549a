package io.clocklab.coordinator.report;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;

import java.util.List;

/** The logical clock of every VM against wall time, overlaid. */
public final class ClockPlot {

    public static final String TITLE = "Logical clocks";

    private ClockPlot() {
    }

    /** The plot, with each VM in the colour {@code colors} gives it. */
    public static String render(RunSeries series, VmColors colors) {
        return TimeSeriesPlot.render(TITLE, "logical clock (ticks)", series.clocks(), colors, false);
    }

    /** The run's plot with its outages shaded, each VM in the colour {@code colors} gives it. */
    public static String render(RunAnalysis analysis, VmColors colors) {
        return TimeSeriesPlot.render(TITLE, "logical clock (ticks)", analysis.series().clocks(), colors, false,
                OutageBand.of(analysis.outages(), analysis.start()));
    }

    /** The plot, VMs coloured in the series' own order. */
    public static String render(RunSeries series) {
        return render(series, VmColors.of(List.copyOf(series.clocks().keySet())));
    }
}
