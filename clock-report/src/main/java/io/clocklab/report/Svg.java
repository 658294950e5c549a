package io.clocklab.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A tiny streaming SVG writer. Every attribute value and text is escaped; attribute and element
 * names are checked, so no data can change the document's structure. Numbers are written with at
 * most two decimals in a fixed locale, which keeps the output deterministic and small.
 *
 * <p>Attributes are given as name/value pairs: {@code svg.empty("rect", "x", 10, "y", 5.5, "fill", "#000")}.
 * A null value leaves the attribute out.
 */
public final class Svg {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][-A-Za-z0-9_.:]*");

    private final StringBuilder out = new StringBuilder(4096);
    private final Deque<String> open = new ArrayDeque<>();
    private int elements;

    private Svg() {
    }

    /**
     * Starts an {@code <svg>} of the given size with {@code role="img"}, an aria-label and a
     * {@code <title>} (so screen readers and tooltips name the picture), plus an optional {@code <desc>}.
     */
    public static Svg document(double width, double height, String title, String description) {
        Svg svg = new Svg();
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", width, "height", height,
                "viewBox", "0 0 " + num(width) + " " + num(height), "role", "img", "aria-label", title,
                "font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
                "font-size", 12);
        svg.element("title", title);
        if (description != null && !description.isBlank()) {
            svg.element("desc", description);
        }
        return svg;
    }

    /** Opens an element; close it with {@link #close()}. */
    public Svg open(String name, Object... attributes) {
        startTag(name, attributes);
        out.append('>');
        open.push(name);
        return this;
    }

    public Svg close() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no open element to close");
        }
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element with no content: {@code <name a="v"/>}. */
    public Svg empty(String name, Object... attributes) {
        startTag(name, attributes);
        out.append("/>");
        return this;
    }

    /** An element holding only (escaped) text. */
    public Svg element(String name, String text, Object... attributes) {
        startTag(name, attributes);
        out.append('>').append(Markup.escape(text)).append("</").append(name).append('>');
        return this;
    }

    /** A {@code <text>} element at (x, y). */
    public Svg text(double x, double y, String text, Object... attributes) {
        Object[] all = new Object[attributes.length + 4];
        all[0] = "x";
        all[1] = x;
        all[2] = "y";
        all[3] = y;
        System.arraycopy(attributes, 0, all, 4, attributes.length);
        return element("text", text, all);
    }

    /** Elements written so far, the root included. */
    public int elementCount() {
        return elements;
    }

    /** Closes whatever is still open and returns the document. */
    public String finish() {
        while (!open.isEmpty()) {
            close();
        }
        return out.toString();
    }

    /**
     * A coordinate or length: at most two decimals, no exponent, no "-0". Refuses NaN and infinity,
     * which would silently break the drawing.
     */
    public static String num(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("an SVG number must be finite, got " + value);
        }
        double rounded = Math.round(value * 100.0) / 100.0;
        if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
            long whole = (long) rounded;
            return Long.toString(whole);
        }
        String text = String.format(Locale.ROOT, "%.2f", rounded);
        if (text.endsWith("0")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.startsWith("-0.00") ? "0" : text;
    }

    private void startTag(String name, Object[] attributes) {
        checkName(name);
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + name + "> must be name/value pairs, got " + attributes.length + " items");
        }
        elements++;
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            String attribute = String.valueOf(attributes[i]);
            checkName(attribute);
            out.append(' ').append(attribute).append("=\"").append(Markup.escape(format(value))).append('"');
        }
    }

    private static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return num(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid XML name: " + name);
        }
    }
}
