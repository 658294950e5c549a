package io.clocklab.report;

import java.util.List;

/**
 * The axes of one x/y panel: nice ticks, light grid lines, axis labels with units. Maps data
 * values to pixels. Plots draw their title and legend around it.
 */
final class PlotFrame {

    static final String AXIS = "#444";
    static final String GRID = "#e3e3e3";
    static final String MUTED = "#666";

    final double left;
    final double top;
    final double width;
    final double height;
    final NiceScale xScale;
    final NiceScale yScale;

    PlotFrame(double left, double top, double width, double height, NiceScale xScale, NiceScale yScale) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.xScale = xScale;
        this.yScale = yScale;
    }

    double x(double value) {
        return left + (value - xScale.min()) / (xScale.max() - xScale.min()) * width;
    }

    double y(double value) {
        return top + height - (value - yScale.min()) / (yScale.max() - yScale.min()) * height;
    }

    double bottom() {
        return top + height;
    }

    double right() {
        return left + width;
    }

    /** Grid, ticks, tick labels and axis labels. A null xLabel leaves the x axis unlabelled. */
    void draw(Svg svg, String xLabel, String yLabel) {
        svg.open("g", "class", "axes");
        for (double tick : yScale.ticks()) {
            double y = y(tick);
            svg.empty("line", "x1", left, "x2", right(), "y1", y, "y2", y, "stroke", GRID);
            svg.text(left - 6, y + 4, yScale.label(tick), "text-anchor", "end", "fill", AXIS);
        }
        drawXTicks(svg);
        svg.empty("line", "x1", left, "x2", right(), "y1", bottom(), "y2", bottom(), "stroke", AXIS);
        svg.empty("line", "x1", left, "x2", left, "y1", top, "y2", bottom(), "stroke", AXIS);
        if (xLabel != null) {
            svg.text(left + width / 2, bottom() + 34, xLabel, "text-anchor", "middle", "fill", AXIS);
        }
        if (yLabel != null) {
            double cx = left - 46;
            double cy = top + height / 2;
            svg.text(cx, cy, yLabel, "text-anchor", "middle", "fill", AXIS,
                    "transform", "rotate(-90 " + Svg.num(cx) + " " + Svg.num(cy) + ")");
        }
        svg.close();
    }

    private void drawXTicks(Svg svg) {
        if (xScale == null) {
            return;
        }
        for (double tick : xScale.ticks()) {
            double x = x(tick);
            svg.empty("line", "x1", x, "x2", x, "y1", bottom(), "y2", bottom() + 5, "stroke", AXIS);
            svg.text(x, bottom() + 18, xScale.label(tick), "text-anchor", "middle", "fill", AXIS);
        }
    }

    /** A "no data" note in the middle of the panel. */
    void noData(Svg svg, String message) {
        svg.text(left + width / 2, top + height / 2, message, "text-anchor", "middle", "fill", MUTED, "class", "no-data");
    }

    /** The plot title, top left. */
    static void title(Svg svg, double x, String title) {
        svg.text(x, 22, title, "font-size", 15, "font-weight", 600, "fill", "#222", "class", "plot-title");
    }

    /** A vertical legend of VMs: colour swatch and name. */
    static void legend(Svg svg, double x, double y, VmColors colors, Iterable<String> vms, boolean lines) {
        svg.open("g", "class", "legend");
        double row = y;
        for (String vm : vms) {
            if (lines) {
                svg.empty("line", "x1", x, "x2", x + 18, "y1", row - 4, "y2", row - 4, "stroke", colors.color(vm),
                        "stroke-width", 3, "stroke-dasharray", colors.dash(vm));
            } else {
                svg.empty("rect", "x", x + 3, "y", row - 10, "width", 12, "height", 12, "fill", colors.color(vm));
            }
            svg.text(x + 24, row, Labels.shorten(vm, 16), "fill", "#222");
            row += 18;
        }
        svg.close();
    }

    /**
     * Legend entries for outage bands below the VMs: a translucent swatch, "vmX down" and the cause
     * on a second line. Entries that would pass {@code maxY} are summed up as "+N more outages".
     */
    static void outageLegend(Svg svg, double x, double y, double maxY, VmColors colors, List<OutageBand> entries) {
        if (entries.isEmpty()) {
            return;
        }
        svg.open("g", "class", "legend outage-legend");
        double row = y;
        for (int i = 0; i < entries.size(); i++) {
            OutageBand entry = entries.get(i);
            boolean twoLines = entry.cause() != null && !entry.cause().isBlank();
            double needed = twoLines ? 30 : 18;
            if (row + needed > maxY) {
                svg.text(x, row, "+" + (entries.size() - i) + " more " + (entries.size() - i == 1 ? "outage" : "outages"),
                        "fill", MUTED, "font-size", 11);
                break;
            }
            svg.open("g", "class", "outage-entry", "data-vm", entry.vm());
            svg.element("title", entry.label());
            svg.empty("rect", "x", x + 3, "y", row - 10, "width", 12, "height", 12, "fill", colors.color(entry.vm()),
                    "fill-opacity", OutageBand.OPACITY * 2, "stroke", colors.color(entry.vm()), "stroke-opacity", 0.5);
            svg.text(x + 24, row, Labels.shorten(entry.vm(), 10) + " down", "fill", "#222");
            if (twoLines) {
                svg.text(x + 24, row + 13, "(" + Labels.shorten(entry.cause(), 14) + ")", "fill", MUTED, "font-size", 11);
            }
            svg.close();
            row += needed;
        }
        svg.close();
    }
}
