package io.clocklab.report;

import io.clocklab.core.analysis.Estimate;
import io.clocklab.core.analysis.ExperimentAnalysis;
import io.clocklab.core.analysis.VariationSummary;

import java.util.List;
import java.util.function.Function;

/**
 * An experiment's variations side by side in three panels (mean jump, max queue growth, max final
 * drift): one point per variation with its 95 % confidence interval as an error bar. Variations are
 * numbered on the x axes and named in the legend below, so long labels never collide.
 */
public final class VariationComparisonPlot {

    public static final String TITLE = "Variations compared (mean and 95 % CI over runs)";
    static final double WIDTH = 760;
    static final double PANEL_HEIGHT = 250;
    static final double LEGEND_ROW = 18;

    private record Metric(String title, String unit, Function<VariationSummary, Estimate> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("Mean jump", "ticks", VariationSummary::meanJump),
            new Metric("Max queue growth", "messages/s", VariationSummary::maxQueueGrowth),
            new Metric("Max final drift", "ticks", VariationSummary::maxFinalDrift));

    private VariationComparisonPlot() {
    }

    public static String render(ExperimentAnalysis experiment) {
        return render(experiment.variations());
    }

    public static String render(List<VariationSummary> variations) {
        int legendColumns = 2;
        int legendRows = (variations.size() + legendColumns - 1) / legendColumns;
        double height = 34 + PANEL_HEIGHT + 16 + legendRows * LEGEND_ROW + 10;
        Svg svg = Svg.document(WIDTH, height, TITLE,
                "Mean jump, maximum queue growth and maximum final drift of each variation, with 95 % confidence intervals");
        svg.empty("rect", "width", WIDTH, "height", height, "fill", "#fff");
        PlotFrame.title(svg, 12, TITLE);
        double panelWidth = WIDTH / METRICS.size();
        for (int m = 0; m < METRICS.size(); m++) {
            panel(svg, METRICS.get(m), variations, m * panelWidth, 34, panelWidth);
        }
        svg.open("g", "class", "legend");
        double legendTop = 34 + PANEL_HEIGHT + 16;
        for (int v = 0; v < variations.size(); v++) {
            double x = 60 + (v % legendColumns) * (WIDTH - 60) / legendColumns;
            double y = legendTop + (v / legendColumns) * LEGEND_ROW + 10;
            svg.empty("circle", "cx", x, "cy", y - 4, "r", 5, "fill", VmColors.forIndex(v));
            svg.open("text", "x", x + 12, "y", y, "fill", "#222");
            svg.element("title", variations.get(v).label());
            svg.element("tspan", (v + 1) + "  " + Labels.shorten(variations.get(v).label(), 44));
            svg.close();
        }
        svg.close();
        return svg.finish();
    }

    private static void panel(Svg svg, Metric metric, List<VariationSummary> variations, double left, double top, double panelWidth) {
        double min = 0;
        double max = 0;
        for (VariationSummary v : variations) {
            Estimate e = metric.value().apply(v);
            for (double value : new double[] {e.low(), e.mean(), e.high()}) {
                if (Double.isFinite(value)) {
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
        }
        PlotFrame frame = new PlotFrame(left + 60, top + 24, panelWidth - 60 - 14, PANEL_HEIGHT - 24 - 44,
                null, NiceScale.of(min, max, 6));
        svg.open("g", "class", "panel", "data-metric", metric.title());
        svg.text(frame.left, top + 12, metric.title(), "font-weight", 600, "fill", "#222");
        frame.draw(svg, null, metric.title() + " (" + metric.unit() + ")");
        svg.text(frame.left + frame.width / 2, frame.bottom() + 34, "variation", "text-anchor", "middle", "fill", PlotFrame.AXIS);
        if (variations.isEmpty()) {
            frame.noData(svg, "no variations");
        }
        double slot = variations.isEmpty() ? frame.width : frame.width / variations.size();
        for (int v = 0; v < variations.size(); v++) {
            VariationSummary variation = variations.get(v);
            Estimate e = metric.value().apply(variation);
            double x = frame.left + (v + 0.5) * slot;
            svg.text(x, frame.bottom() + 16, Integer.toString(v + 1), "text-anchor", "middle", "fill", PlotFrame.AXIS);
            if (!Double.isFinite(e.mean())) {
                continue;
            }
            String color = VmColors.forIndex(v);
            svg.open("g", "class", "estimate", "data-variation", variation.label());
            svg.element("title", variation.label() + ": " + metric.title() + " " + Labels.number(e.mean(), 3) + " " + metric.unit()
                    + " (95 % CI " + Labels.number(e.low(), 3) + " – " + Labels.number(e.high(), 3) + ", n = " + e.n() + ")");
            if (Double.isFinite(e.low()) && Double.isFinite(e.high()) && e.high() > e.low()) {
                double whisker = Math.min(10, slot * 0.25);
                double yLow = frame.y(e.low());
                double yHigh = frame.y(e.high());
                svg.empty("line", "x1", x, "x2", x, "y1", yLow, "y2", yHigh, "stroke", color, "stroke-width", 2, "class", "ci");
                svg.empty("line", "x1", x - whisker, "x2", x + whisker, "y1", yLow, "y2", yLow, "stroke", color, "stroke-width", 2);
                svg.empty("line", "x1", x - whisker, "x2", x + whisker, "y1", yHigh, "y2", yHigh, "stroke", color, "stroke-width", 2);
            }
            svg.empty("circle", "cx", x, "cy", frame.y(e.mean()), "r", 5, "fill", color, "stroke", "#fff", "stroke-width", 1.5);
            svg.close();
        }
        svg.close();
    }
}
