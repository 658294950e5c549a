package io.clocklab.report;

import io.clocklab.core.analysis.HistogramBin;
import io.clocklab.core.analysis.JumpStats;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.control.Names;

import java.util.Comparator;
import java.util.List;

/**
 * The receive-jump histograms, one small panel per VM (up to three per row), each with its count,
 * mean, p95 and max written above it and dashed markers at the mean and the p95. When a VM's
 * histogram comes from a sample of its jumps, its count axis says so.
 */
public final class JumpHistogramPlot {

    public static final String TITLE = "Clock jumps at RECEIVE";
    static final double WIDTH = 760;
    static final double PANEL_HEIGHT = 230;
    static final double TOP = 34;

    private JumpHistogramPlot() {
    }

    /** One panel per VM, in natural name order (vm2 before vm10). */
    public static String render(List<VmAnalysis> given, VmColors colors) {
        List<VmAnalysis> vms = given.stream().sorted(Comparator.comparing(VmAnalysis::vm, Names.NATURAL_ORDER)).toList();
        int columns = Math.max(1, Math.min(3, vms.size()));
        int rows = Math.max(1, (vms.size() + columns - 1) / columns);
        double height = TOP + rows * PANEL_HEIGHT;
        Svg svg = Svg.document(WIDTH, height, TITLE,
                "Histogram of the clock jump (new clock minus old clock) at each RECEIVE, per VM");
        svg.empty("rect", "width", WIDTH, "height", height, "fill", "#fff");
        PlotFrame.title(svg, 12, TITLE);
        if (vms.isEmpty()) {
            svg.text(WIDTH / 2, TOP + PANEL_HEIGHT / 2, "no VMs", "text-anchor", "middle", "fill", PlotFrame.MUTED, "class", "no-data");
        }
        double panelWidth = WIDTH / columns;
        for (int i = 0; i < vms.size(); i++) {
            double left = (i % columns) * panelWidth;
            double top = TOP + (i / columns) * PANEL_HEIGHT;
            panel(svg, vms.get(i), colors, left, top, panelWidth);
        }
        return svg.finish();
    }

    public static String render(List<VmAnalysis> vms) {
        return render(vms, VmColors.of(vms.stream().map(VmAnalysis::vm).toList()));
    }

    private static void panel(Svg svg, VmAnalysis vm, VmColors colors, double left, double top, double panelWidth) {
        JumpStats jumps = vm.jumps();
        List<HistogramBin> bins = jumps.histogram();
        long maxCount = bins.stream().mapToLong(HistogramBin::count).max().orElse(0);
        PlotFrame frame = new PlotFrame(left + 62, top + 42, panelWidth - 62 - 8, PANEL_HEIGHT - 42 - 56,
                null, NiceScale.of(0, maxCount, 5));
        svg.open("g", "class", "series", "data-vm", vm.vm());
        svg.text(frame.left, top + 12, Labels.shortenMiddle(vm.vm(), 22), "font-weight", 600, "fill", colors.color(vm.vm()));
        String summary = jumps.count() == 0 ? "no receives"
                : "n " + jumps.count() + " · mean " + Labels.number(jumps.mean(), 2) + " · p95 " + Labels.number(jumps.p95(), 1)
                  + " · max " + jumps.max();
        svg.text(frame.left, top + 28, summary, "fill", PlotFrame.AXIS, "font-size", 11, "class", "jump-summary");
        // A VM with more jumps than the analysis keeps is drawn from a uniform sample of them (JumpStats.sampled)
        frame.draw(svg, null, jumps.sampled() ? "sampled receives" : "receives");
        svg.text(frame.left + frame.width / 2, frame.bottom() + 36, "jump (ticks)", "text-anchor", "middle", "fill", PlotFrame.AXIS);
        if (bins.isEmpty()) {
            frame.noData(svg, "no receives");
            svg.close();
            return;
        }
        double slot = frame.width / bins.size();
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < bins.size(); b++) {
            HistogramBin bin = bins.get(b);
            double x = frame.left + b * slot;
            double y = frame.y(bin.count());
            String label = bin.from() == bin.to() ? Long.toString(bin.from()) : bin.from() + "–" + bin.to();
            svg.open("rect", "x", x + slot * 0.1, "y", y, "width", slot * 0.8, "height", frame.bottom() - y,
                    "fill", colors.color(vm.vm()));
            svg.element("title", "jump " + label + ": " + bin.count() + (jumps.sampled() ? " sampled receives" : " receives"));
            svg.close();
            double labelWidth = label.length() * 6.5;
            if (x + slot / 2 - labelWidth / 2 > lastLabelEnd + 3) {
                // Only labels that fit without touching the previous one.
                svg.text(x + slot / 2, frame.bottom() + 16, label, "text-anchor", "middle", "fill", PlotFrame.AXIS, "font-size", 11);
                lastLabelEnd = x + slot / 2 + labelWidth / 2;
            }
        }
        marker(svg, frame, bins, slot, jumps.mean(), "mean");
        marker(svg, frame, bins, slot, jumps.p95(), "p95");
        svg.close();
    }

    /** A dashed line where {@code value} falls on the bin axis, interpolated inside its bin. */
    private static void marker(Svg svg, PlotFrame frame, List<HistogramBin> bins, double slot, double value, String name) {
        for (int b = 0; b < bins.size(); b++) {
            HistogramBin bin = bins.get(b);
            boolean last = b == bins.size() - 1;
            if (value < bin.to() + 0.5 || last) {
                double within = (value - bin.from() + 0.5) / (bin.to() - bin.from() + 1);
                double x = frame.left + (b + Math.max(0, Math.min(1, within))) * slot;
                svg.empty("line", "x1", x, "x2", x, "y1", frame.top, "y2", frame.bottom(), "stroke", "#222",
                        "stroke-dasharray", name.equals("mean") ? "4 3" : "1 3", "stroke-width", 1.5, "class", "marker-" + name);
                svg.text(x + 3, frame.top + (name.equals("mean") ? 10 : 22), name, "fill", "#222", "font-size", 10);
                return;
            }
        }
    }
}
