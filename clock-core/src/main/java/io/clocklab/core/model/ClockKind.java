package io.clocklab.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The clock algorithm of a run (the run parameter {@code "clock"}). Every VM keeps its Lamport
 * clock and logs it as {@code logicalClock} whatever the algorithm, so the exercise's rules hold in
 * every run; {@link #VECTOR} and {@link #HYBRID} carry and log their own time beside it.
 */
public enum ClockKind {
    /** Lamport's clock alone: the exercise, and the default. */
    LAMPORT,
    /** Vector clocks on the wire; every event logs {@code vectorClock}. */
    VECTOR,
    /** Hybrid logical clocks (Kulkarni et al., OPODIS 2014); every event logs {@code hlc}. */
    HYBRID;

    public static final ClockKind DEFAULT = LAMPORT;

    /** The name in JSON and on the command line: {@code lamport}, {@code vector}, {@code hybrid}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the values there are
     */
    @JsonCreator
    public static ClockKind of(String label) {
        for (ClockKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("clock must be one of " + labels() + ", got " + (label == null ? "nothing" : "'" + label + "'"));
    }

    /** {@code lamport, vector, hybrid}. */
    public static String labels() {
        return Arrays.stream(values()).map(ClockKind::label).collect(Collectors.joining(", "));
    }
}
