package io.clocklab.core.analysis;

import java.util.List;
import java.util.Map;

/**
 * The time series the plots draw, per VM, thinned to a bounded number of points so a long run
 * still draws fast. Keys are in the VMs' fixed order.
 */
public record RunSeries(Map<String, List<Point>> clocks, Map<String, List<Point>> queues, Map<String, List<Point>> drift) {
}
