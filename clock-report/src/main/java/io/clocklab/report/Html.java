package io.clocklab.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the report pages write times and missing values. The frame every page shares (doctype,
 * viewport, one small inline stylesheet) is {@code layout.jte}; pages are self-contained: no
 * external CSS, fonts or scripts.
 */
final class Html {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Html() {
    }

    static String time(Instant at) {
        return at == null ? "–" : TIME.format(at);
    }

    static String orDash(Object value) {
        return value == null ? "–" : String.valueOf(value);
    }

    /** Seconds from {@code start} to {@code at}, to a tenth. */
    static String sinceStart(Instant at, Instant start) {
        Duration since = Duration.between(start, at);
        return Labels.number(since.getSeconds() + since.getNano() / 1e9, 1);
    }
}
