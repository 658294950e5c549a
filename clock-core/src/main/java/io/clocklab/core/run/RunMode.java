package io.clocklab.core.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a run's events come from: the containers, or the deterministic simulator. */
public enum RunMode {
    LIVE, SIMULATED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed values */
    @JsonCreator
    public static RunMode parse(String value) {
        for (RunMode mode : values()) {
            if (mode.json().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be live or simulated, got " + value);
    }
}
