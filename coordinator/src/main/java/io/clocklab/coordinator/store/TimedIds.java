package io.clocklab.coordinator.store;

import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/** The ids of runs and experiments in the data directory: when they were made (UTC), then a random suffix. */
public final class TimedIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private TimedIds() {
    }

    /** e.g. {@code 20261121-194800-7f3a}; sorting ids sorts them by time. */
    public static String next(InstantSource clock, RandomGenerator random) {
        return TIME.format(clock.instant()) + "-" + String.format("%04x", random.nextInt(0x10000));
    }
}
