package io.clocklab.report;

/**
 * The slice of a run a space-time diagram shows: {@code [fromSeconds, toSeconds)} relative to the
 * run's start. Navigation keeps the width (previous/next) or the centre (zoom); nothing goes
 * before 0. Bounds are kept to the millisecond so links stay short and stable.
 */
public record SpaceTimeWindow(double fromSeconds, double toSeconds) {

    /** The narrowest window: one millisecond. */
    public static final double MIN_WIDTH = 0.001;

    public SpaceTimeWindow {
        if (!Double.isFinite(fromSeconds) || !Double.isFinite(toSeconds)) {
            throw new IllegalArgumentException("window bounds must be finite numbers, got from=" + fromSeconds + " to=" + toSeconds);
        }
        if (fromSeconds < 0) {
            throw new IllegalArgumentException("window 'from' must be at least 0 seconds, got " + fromSeconds);
        }
        if (toSeconds - fromSeconds < MIN_WIDTH - 1e-12) {
            throw new IllegalArgumentException("window 'to' must be at least " + MIN_WIDTH + " s after 'from', got from="
                    + fromSeconds + " to=" + toSeconds);
        }
    }

    /**
     * Parses the window of a request ({@code ?from=..&to=..}); a missing bound comes from
     * {@code fallback}. Bad numbers get an IllegalArgumentException naming the parameter.
     */
    public static SpaceTimeWindow parse(String from, String to, SpaceTimeWindow fallback) {
        double start = from == null || from.isBlank() ? fallback.fromSeconds() : number("from", from);
        double end = to == null || to.isBlank() ? start + fallback.width() : number("to", to);
        return new SpaceTimeWindow(start, end);
    }

    public double width() {
        return toSeconds - fromSeconds;
    }

    public boolean contains(double seconds) {
        return seconds >= fromSeconds && seconds < toSeconds;
    }

    /** Half the width, same centre (as far as 0 allows). */
    public SpaceTimeWindow zoomIn() {
        return centred(fromSeconds + width() / 2, Math.max(MIN_WIDTH, width() / 2));
    }

    /** Twice the width, same centre, moved right if it would start before 0. */
    public SpaceTimeWindow zoomOut() {
        return centred(fromSeconds + width() / 2, width() * 2);
    }

    /** The same width just before, stopping at 0. */
    public SpaceTimeWindow previous() {
        double start = Math.max(0, fromSeconds - width());
        return of(start, start + width());
    }

    /** The same width just after. */
    public SpaceTimeWindow next() {
        return of(toSeconds, toSeconds + width());
    }

    public boolean atStart() {
        return fromSeconds <= 0;
    }

    private static SpaceTimeWindow centred(double centre, double width) {
        double start = Math.max(0, centre - width / 2);
        return of(start, start + width);
    }

    /** A window with both bounds rounded to the millisecond. */
    public static SpaceTimeWindow of(double fromSeconds, double toSeconds) {
        double from = Math.round(fromSeconds * 1000) / 1000.0;
        double to = Math.max(from + MIN_WIDTH, Math.round(toSeconds * 1000) / 1000.0);
        return new SpaceTimeWindow(from, to);
    }

    private static double number(String name, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("window '" + name + "' must be a number of seconds, got '" + text + "'");
        }
    }
}
