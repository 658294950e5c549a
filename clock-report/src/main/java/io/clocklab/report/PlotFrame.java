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

    /** A legend row's height. */
    static final double LEGEND_ROW = 18;
    /** What one character of 12 px legend text takes, at most, in the fonts the plots name. */
    static final double CHAR_WIDTH = 7;
    /** The longest VM name a legend in columns writes out; longer ones are cut in the middle. */
    static final int LEGEND_NAME = 16;
    /** The same for the narrow legend right of a plot. */
    static final int SIDE_LEGEND_NAME = 12;

    /** A vertical legend of VMs: colour swatch (a line in the VM's colour and dash, or a square) and name. */
    static void legend(Svg svg, double x, double y, VmColors colors, Iterable<String> vms, boolean lines) {
        svg.open("g", "class", "legend");
        double row = y;
        for (String vm : vms) {
            legendEntry(svg, x, row, colors, vm, lines, SIDE_LEGEND_NAME);
            row += LEGEND_ROW;
        }
        svg.close();
    }

    /**
     * A legend of many VMs in columns across {@code width}, row by row (with eight columns, each row is
     * one dash pattern and each column one colour): as many columns as the longest name allows, at most
     * eight. Returns its height.
     */
    static double legendColumns(Svg svg, double x, double y, double width, VmColors colors, List<String> vms, boolean lines) {
        int columns = legendColumnCount(width, vms, lines);
        svg.open("g", "class", "legend legend-columns");
        double column = legendColumnWidth(vms, lines);
        for (int i = 0; i < vms.size(); i++) {
            legendEntry(svg, x + (i % columns) * column, y + (i / columns) * LEGEND_ROW, colors, vms.get(i), lines, LEGEND_NAME);
        }
        svg.close();
        return legendRows(width, vms, lines) * LEGEND_ROW;
    }

    static int legendRows(double width, List<String> vms, boolean lines) {
        int columns = legendColumnCount(width, vms, lines);
        return (vms.size() + columns - 1) / columns;
    }

    private static int legendColumnCount(double width, List<String> vms, boolean lines) {
        return (int) Math.max(1, Math.min(VmColors.PALETTE.size(), Math.floor(width / legendColumnWidth(vms, lines))));
    }

    /** A swatch, the gap after it, the longest name and room before the next column. */
    private static double legendColumnWidth(List<String> vms, boolean lines) {
        int longest = vms.stream().mapToInt(vm -> Labels.shortenMiddle(vm, LEGEND_NAME).length()).max().orElse(1);
        return textOffset(lines) + longest * CHAR_WIDTH + 14;
    }

    private static double textOffset(boolean lines) {
        return lines ? VmColors.SWATCH + 6 : 24;
    }

    private static void legendEntry(Svg svg, double x, double row, VmColors colors, String vm, boolean lines, int maxName) {
        if (lines) {
            svg.empty("line", "x1", x, "x2", x + VmColors.SWATCH, "y1", row - 4, "y2", row - 4, "stroke", colors.color(vm),
                    "stroke-width", 3, "stroke-dasharray", colors.dash(vm));
        } else {
            svg.empty("rect", "x", x + 3, "y", row - 10, "width", 12, "height", 12, "fill", colors.color(vm));
        }
        svg.text(x + textOffset(lines), row, Labels.shortenMiddle(vm, maxName), "fill", "#222", "data-vm", vm);
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
            svg.text(x + 24, row, Labels.shortenMiddle(entry.vm(), 10) + " down", "fill", "#222");
            if (twoLines) {
                svg.text(x + 24, row + 13, "(" + Labels.shorten(entry.cause(), 14) + ")", "fill", MUTED, "font-size", 11);
            }
            svg.close();
            row += needed;
        }
        svg.close();
    }
}
