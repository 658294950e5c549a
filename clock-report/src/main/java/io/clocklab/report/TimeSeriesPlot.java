package io.clocklab.report;

import io.clocklab.core.analysis.Point;
import io.clocklab.core.control.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-VM lines against wall time, overlaid on one pair of axes: what each {@link RunPlot}
 * shares. Each VM's line is a {@code <g class="series" data-vm="...">}.
 * Each outage is a translucent band in its VM's colour across the whole height
 * ({@code <rect class="outage" data-vm="...">} in {@code <g class="outages">}), under the lines,
 * with a legend entry "vmX down (cause)".
 * <p>
 * VMs are drawn and listed in natural name order (vm2 before vm10). Up to {@link #SIDE_LEGEND_MAX}
 * are listed right of the axes; more in columns under the plot, which grows to hold them.
 */
final class TimeSeriesPlot {

    static final double WIDTH = 760;
    static final double HEIGHT = 340;
    /** The most VMs the legend right of the axes lists; more get a legend in columns under the plot. */
    static final int SIDE_LEGEND_MAX = 12;
    /** Left and right of a legend in columns. */
    static final double LEGEND_MARGIN = 12;
    /** Series are thinned by the analysis already; this guards the page against one that was not. */
    static final int MAX_POINTS = 4000;

    private TimeSeriesPlot() {
    }

    static String render(String title, String yLabel, Map<String, List<Point>> seriesByVm, VmColors colors, boolean steps) {
        return render(title, yLabel, seriesByVm, colors, steps, List.of());
    }

    static String render(String title, String yLabel, Map<String, List<Point>> seriesByVm, VmColors colors, boolean steps,
                         List<OutageBand> outages) {
        return render(title, title + " of each VM against wall time since the run's first event", yLabel, seriesByVm, colors, steps, outages);
    }

    /**
     * A stretch of values shaded across the whole width, under the lines ({@code <rect class="value-band">}), with a legend
     * entry: where the lines are expected to stay.
     */
    record ValueBand(double from, double to, String label) {
    }

    /** Band fill opacity: the lines must read clearly over it. */
    static final double BAND_OPACITY = 0.12;
    static final String BAND_COLOR = "#555";

    /** @param description what the picture shows, for readers that cannot see it */
    static String render(String title, String description, String yLabel, Map<String, List<Point>> seriesByVm, VmColors colors,
                         boolean steps, List<OutageBand> outages) {
        return render(title, description, yLabel, seriesByVm, colors, steps, outages, null);
    }

    /** @param band values to shade across the plot, always in view; null for none */
    static String render(String title, String description, String yLabel, Map<String, List<Point>> seriesByVm, VmColors colors,
                         boolean steps, List<OutageBand> outages, ValueBand shaded) {
        List<String> vms = seriesByVm.keySet().stream().sorted(Names.NATURAL_ORDER).toList();
        boolean sideLegend = vms.size() <= SIDE_LEGEND_MAX;
        double legendWidth = WIDTH - 2 * LEGEND_MARGIN;
        double height = sideLegend ? HEIGHT : HEIGHT + PlotFrame.legendRows(legendWidth, vms, true) * PlotFrame.LEGEND_ROW + 10;
        Svg svg = Svg.document(WIDTH, height, title, description);
        svg.empty("rect", "width", WIDTH, "height", height, "fill", "#fff");
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
        if (shaded != null) {
            minY = Math.min(minY, shaded.from());
            maxY = Math.max(maxY, shaded.to());
        }
        List<OutageBand> bands = any ? outages : List.of();
        for (OutageBand band : bands) {
            maxX = Math.max(maxX, Math.max(band.fromSeconds(), band.toSeconds() == null ? 0 : band.toSeconds()));
        }
        PlotFrame frame = new PlotFrame(70, 40, WIDTH - 70 - 140, HEIGHT - 40 - 52,
                NiceScale.of(0, maxX, 8), NiceScale.of(minY, maxY, 6));
        frame.draw(svg, "wall time since the run's first event (s)", yLabel);
        if (!any) {
            frame.noData(svg, "no data yet");
        }
        valueBand(svg, frame, shaded);
        bands(svg, frame, bands, colors);
        for (String vm : vms) {
            List<Point> points = thin(seriesByVm.get(vm));
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
        double outagesFrom = frame.top + 10;
        if (sideLegend) {
            PlotFrame.legend(svg, frame.right() + 18, frame.top + 10, colors, vms, true);
            outagesFrom += PlotFrame.LEGEND_ROW * vms.size() + 10;
            if (shaded != null) {
                bandLegend(svg, frame.right() + 18, outagesFrom, shaded);
                outagesFrom += PlotFrame.LEGEND_ROW + 10;
            }
        } else {
            // under the axis label, row by row; the column right of the axes is left to the outages
            PlotFrame.legendColumns(svg, LEGEND_MARGIN, HEIGHT + 6, legendWidth, colors, vms, true);
        }
        PlotFrame.outageLegend(svg, frame.right() + 18, outagesFrom, HEIGHT - 8, colors, OutageBand.distinctLabels(bands));
        return svg.finish();
    }

    private static void valueBand(Svg svg, PlotFrame frame, ValueBand band) {
        if (band == null) {
            return;
        }
        double top = frame.y(band.to());
        svg.open("rect", "x", frame.left, "y", top, "width", frame.width, "height", Math.max(1, frame.y(band.from()) - top),
                "fill", BAND_COLOR, "fill-opacity", BAND_OPACITY, "class", "value-band");
        svg.element("title", band.label());
        svg.close();
    }

    private static void bandLegend(Svg svg, double x, double y, ValueBand band) {
        svg.open("g", "class", "legend band-legend");
        svg.empty("rect", "x", x + 3, "y", y - 10, "width", 12, "height", 12, "fill", BAND_COLOR, "fill-opacity", BAND_OPACITY * 2);
        svg.text(x + 24, y, Labels.shorten(band.label(), 14), "fill", "#222");
        svg.close();
    }

    /** A band per outage across the panel, clipped to it; an outage until the end reaches the right edge. */
    private static void bands(Svg svg, PlotFrame frame, List<OutageBand> bands, VmColors colors) {
        if (bands.isEmpty()) {
            return;
        }
        svg.open("g", "class", "outages");
        for (OutageBand band : bands) {
            double x1 = clamp(frame, frame.x(band.fromSeconds()));
            double x2 = band.toSeconds() == null ? frame.right() : clamp(frame, frame.x(band.toSeconds()));
            svg.open("rect", "x", x1, "y", frame.top, "width", Math.max(1, x2 - x1), "height", frame.height,
                    "fill", colors.color(band.vm()), "fill-opacity", OutageBand.OPACITY, "class", "outage", "data-vm", band.vm());
            svg.element("title", band.tooltip());
            svg.close();
        }
        svg.close();
    }

    private static double clamp(PlotFrame frame, double x) {
        return Math.max(frame.left, Math.min(frame.right(), x));
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
