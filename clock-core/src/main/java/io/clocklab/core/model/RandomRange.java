package io.clocklab.core.model;

/**
 * The one rule for {@code randomRange}, the size of the die a VM rolls ({@code 1..randomRange}):
 * at least 1, and at most {@link #MAX}. The ceiling keeps {@code randomRange + 1}, the exclusive
 * bound the roll is drawn below, clear of {@code int} overflow; a run asked for 2^31 - 1 stopped
 * every VM at its first tick before it existed. Beyond a few hundred, nearly every tick is internal
 * anyway.
 */
public final class RandomRange {

    public static final int MAX = 1_000_000_000;

    private RandomRange() {
    }

    /** What is wrong with {@code value} as {@code what} (e.g. {@code randomRange}); null when nothing is. */
    public static String problem(String what, long value) {
        if (value < 1) {
            return what + " must be at least 1, got " + value;
        }
        if (value > MAX) {
            return what + " must be at most " + MAX + ", got " + value;
        }
        return null;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code value} as {@code randomRange} */
    public static int require(int value) {
        String problem = problem("randomRange", value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }
}
