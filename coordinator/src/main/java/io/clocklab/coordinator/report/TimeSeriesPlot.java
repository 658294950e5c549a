package io.clocklab.coordinator.report;

import io.clocklab.core.analysis.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-VM lines against wall time, overlaid on one pair of axes: what {@link ClockPlot},
 * {@link QueuePlot} and {@link DriftPlot} share. Each VM's line is a {@code <g class="series" data-vm="...">}.
 */
final class TimeSeriesPlot {

    static final double WIDTH = 760;
    static final double HEIGHT = 340;
    /** Series are thinned by the analysis already; this guards the page against one that was not. */
    static final int MAX_POINTS = 4000;

    private TimeSeriesPlot() {
    }

    static String render(String title, String yLabel, Map<String, List<Point>> seriesByVm, VmColors colors, boolean steps) {
        Svg svg = Svg.document(WIDTH, HEIGHT, title, title + " of each VM against wall time since the run's first event");
        svg.empty("rect", "width", WIDTH, "height", HEIGHT, "fill", "#fff");
        PlotFrame.title(svg, 70, title);
        double maxX = 0;
        double minY = 0;
        double maxY = 0;
        boolean any = false;
        for (List<Point> points : seriesByVm.values()) {
            for (Point p : points) {
                if (!Double.isFinite(p.seconds()) || !Double.isFinite(p.value())) {
                    continue;
                }
                any = true;
                maxX = Math.max(maxX, p.seconds());
                minY = Math.min(minY, p.value());
                maxY = Math.max(maxY, p.value());
            }
        }
        PlotFrame frame = new PlotFrame(70, 40, WIDTH - 70 - 140, HEIGHT - 40 - 52,
                NiceScale.of(0, maxX, 8), NiceScale.of(minY, maxY, 6));
        frame.draw(svg, "wall time since the run's first event (s)", yLabel);
        if (!any) {
            frame.noData(svg, "no data yet");
        }
        for (var entry : seriesByVm.entrySet()) {
            String vm = entry.getKey();
            List<Point> points = thin(entry.getValue());
            svg.open("g", "class", "series", "data-vm", vm);
            svg.element("title", vm);
            if (points.size() == 1) {
                Point p = points.get(0);
                svg.empty("circle", "cx", frame.x(p.seconds()), "cy", frame.y(p.value()), "r", 3, "fill", colors.color(vm));
            } else if (!points.isEmpty()) {
                svg.empty("polyline", "points", polyline(frame, points, steps), "fill", "none", "stroke", colors.color(vm),
                        "stroke-width", 2, "stroke-linejoin", "round", "stroke-dasharray", colors.dash(vm));
            }
            svg.close();
        }
        PlotFrame.legend(svg, frame.right() + 18, frame.top + 10, colors, seriesByVm.keySet(), true);
        return svg.finish();
    }

    private static List<Point> thin(List<Point> points) {
        List<Point> finite = new ArrayList<>(Math.min(points.size(), MAX_POINTS + 1));
        int stride = Math.max(1, (int) Math.ceil(points.size() / (double) MAX_POINTS));
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            boolean keep = i % stride == 0 || i == points.size() - 1;
            if (keep && Double.isFinite(p.seconds()) && Double.isFinite(p.value())) {
                finite.add(p);
            }
        }
        return finite;
    }

    private static String polyline(PlotFrame frame, List<Point> points, boolean steps) {
        StringBuilder out = new StringBuilder(points.size() * 14);
        double previousY = Double.NaN;
        for (Point p : points) {
            String x = Svg.num(frame.x(p.seconds()));
            if (steps && !Double.isNaN(previousY)) {
                // Hold the old value until the new sample: a queue length changes in jumps.
                out.append(x).append(',').append(Svg.num(previousY)).append(' ');
            }
            previousY = frame.y(p.value());
            out.append(x).append(',').append(Svg.num(previousY)).append(' ');
        }
        return out.toString().trim();
    }
}
