package io.clocklab.report;

import java.util.Locale;

/** Number and text formatting shared by the plots, pages and CSV: fixed locale, so output is deterministic. */
final class Labels {

    private Labels() {
    }

    /** Up to {@code decimals} decimals, trailing zeros dropped; "–" for NaN. */
    static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text.equals("-0") ? "0" : text;
    }

    /** Cuts long names (VM names, variation labels) to fit a legend or an axis; the full text goes in a tooltip. */
    static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
    }

    /**
     * Cuts a long name in the middle, so names that differ only at the end (clocklab-vm-10,
     * clocklab-vm-11) stay apart: the start and the end kept, "…" between.
     */
    static String shortenMiddle(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int kept = Math.max(1, max - 1);
        int tail = kept / 2;
        return text.substring(0, kept - tail) + "…" + text.substring(text.length() - tail);
    }
}
