package io.clocklab.coordinator.report;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.RunSeries;

import java.util.List;

/** Each VM's message queue length over wall time: a line that keeps rising is a VM that cannot keep up. */
public final class QueuePlot {

    public static final String TITLE = "Message queue length";

    private QueuePlot() {
    }

    /** The plot, with each VM in the colour {@code colors} gives it. */
    public static String render(RunSeries series, VmColors colors) {
        return TimeSeriesPlot.render(TITLE, "messages waiting", series.queues(), colors, true);
    }

    /** The run's plot with its outages shaded, each VM in the colour {@code colors} gives it. */
    public static String render(RunAnalysis analysis, VmColors colors) {
        return TimeSeriesPlot.render(TITLE, "messages waiting", analysis.series().queues(), colors, true,
                OutageBand.of(analysis.outages(), analysis.start()));
    }

    /** The plot, VMs coloured in the series' own order. */
    public static String render(RunSeries series) {
        return render(series, VmColors.of(List.copyOf(series.queues().keySet())));
    }
}
