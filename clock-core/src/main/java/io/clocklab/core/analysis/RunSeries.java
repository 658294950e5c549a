package io.clocklab.core.analysis;

import java.util.List;
import java.util.Map;

/**
 * The time series the plots draw, per VM, thinned to at most {@link #MAX_POINTS} points each so a
 * long run still draws fast (and is analysed in bounded memory). Keys are in the VMs' fixed order.
 */
public record RunSeries(Map<String, List<Point>> clocks, Map<String, List<Point>> queues, Map<String, List<Point>> drift) {

    /** The most points one VM's series keeps; a longer series is thinned (docs/analysis.md, "Plot series"). */
    public static final int MAX_POINTS = 1000;
}
