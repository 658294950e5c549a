package io.clocklab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks on "nice" numbers (1, 2, 2.5, 5 times a power of ten) covering a data range, so
 * axes read 0, 20, 40 rather than 0, 17.3, 34.6.
 *
 * @param min   the axis start (a tick, at or below the data's minimum)
 * @param max   the axis end (a tick, at or above the data's maximum)
 * @param step  the distance between ticks
 * @param ticks every tick from min to max
 */
public record NiceScale(double min, double max, double step, List<Double> ticks) {

    public NiceScale {
        ticks = List.copyOf(ticks);
    }

    /**
     * Ticks for data between {@code dataMin} and {@code dataMax}, at most about {@code maxTicks} of
     * them. An empty or single-valued range still gets a usable axis.
     */
    public static NiceScale of(double dataMin, double dataMax, int maxTicks) {
        if (!Double.isFinite(dataMin) || !Double.isFinite(dataMax)) {
            throw new IllegalArgumentException("axis range must be finite, got " + dataMin + ".." + dataMax);
        }
        if (maxTicks < 2) {
            throw new IllegalArgumentException("an axis needs at least 2 ticks, got " + maxTicks);
        }
        double low = Math.min(dataMin, dataMax);
        double high = Math.max(dataMin, dataMax);
        if (high - low < 1e-12) {
            // One value: give it room on both sides (or above zero when it is zero).
            double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
            low = low == 0 ? 0 : low - pad;
            high = high + pad;
        }
        double step = niceStep((high - low) / (maxTicks - 1));
        double min = Math.floor(low / step + 1e-9) * step;
        double max = Math.ceil(high / step - 1e-9) * step;
        List<Double> ticks = new ArrayList<>();
        int count = (int) Math.round((max - min) / step);
        for (int i = 0; i <= count; i++) {
            // Rounded to the step's precision so 0.1 + 0.2 does not print as 0.30000000000000004.
            ticks.add(round(min + i * step, step));
        }
        return new NiceScale(round(min, step), round(max, step), step, ticks);
    }

    /** A tick label: as many decimals as the step needs, no more. */
    public String label(double value) {
        return format(value, step);
    }

    static String format(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) {
            decimals++; // 2.5, 0.25 ...
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return text.matches("-0(\\.0*)?") ? text.substring(1) : text;
    }

    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice;
        if (fraction <= 1) {
            nice = 1;
        } else if (fraction <= 2) {
            nice = 2;
        } else if (fraction <= 2.5) {
            nice = 2.5;
        } else if (fraction <= 5) {
            nice = 5;
        } else {
            nice = 10;
        }
        return nice * power;
    }

    private static double round(double value, double step) {
        double scale = Math.pow(10, Math.max(0, (int) -Math.floor(Math.log10(step)) + 2));
        return Math.round(value * scale) / scale;
    }
}
