package io.clocklab.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class SystemTimeJsonTest {

    @Test
    void everyDayFromYear0000To9999HasItsDate() {
        // the formatter is too slow to ask 3.65 million times; LocalDate writes the same date for these years
        Random random = new Random(1);
        List<String> wrong = new ArrayList<>();
        long first = LocalDate.of(0, 1, 1).toEpochDay();
        long last = LocalDate.of(9999, 12, 31).toEpochDay();
        for (long day = first; day <= last && wrong.size() < 10; day++) {
            String fast = SystemTimeJson.format(Instant.ofEpochSecond(day * 86_400 + random.nextInt(86_400), random.nextInt(1_000_000_000)));
            String date = LocalDate.ofEpochDay(day).toString();
            if (!fast.startsWith(date) || fast.charAt(date.length()) != 'T') {
                wrong.add(fast + " on " + date);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theFastFormIsTheFormattersAtRandomInstantsAndAtTheEdges() {
        Random random = new Random(2);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));
            assertThat(SystemTimeJson.format(t)).isEqualTo(SystemTimeJson.FORMAT.format(t));
        }
        for (String edge : List.of("1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.000000999Z",
                "1970-01-01T00:00:00.000000999Z", "1970-01-01T00:00:00.000001Z", "0000-01-01T00:00:00Z", "0000-02-29T23:59:59.5Z",
                "0000-03-01T00:00:00Z", "0001-01-01T00:00:00Z", "1600-02-29T12:00:00Z", "1900-02-28T23:59:59Z", "1900-03-01T00:00:00Z",
                "2000-02-29T00:00:00Z", "2024-02-29T23:59:59.999999Z", "2026-11-21T19:48:00.123456789Z", "2100-02-28T12:00:00Z",
                "2100-03-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            Instant t = Instant.parse(edge);
            assertThat(SystemTimeJson.format(t)).as(edge).isEqualTo(SystemTimeJson.FORMAT.format(t));
        }
        assertThat(SystemTimeJson.format(Instant.ofEpochSecond(-1, 999_999_999))).isEqualTo("1969-12-31T23:59:59.999999Z");
        assertThat(SystemTimeJson.format(Instant.parse("2026-11-21T19:48:00Z"))).isEqualTo("2026-11-21T19:48:00.000000Z");
    }

    @Test
    void outsideYears0000To9999TheFormatterWritesOrThrows() {
        List<Instant> outside = List.of(Instant.parse("-0001-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-2026-11-21T10:00:00.123456Z"), Instant.parse("+123456-07-08T09:10:11.5Z"),
                Instant.ofEpochSecond(Long.MIN_VALUE / 1_000_000), Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000),
                Instant.MIN, Instant.MAX);
        for (Instant t : outside) {
            assertThat(outcome(() -> SystemTimeJson.format(t))).as("%s", t).isEqualTo(outcome(() -> SystemTimeJson.FORMAT.format(t)));
        }
        assertThat(SystemTimeJson.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00.000000Z");
        assertThat(outcome(() -> SystemTimeJson.format(Instant.MAX))).startsWith("threw java.time.DateTimeException");
    }

    @Test
    void appendingAddsTheFormAfterWhatIsThere() {
        StringBuilder out = new StringBuilder("at ");
        SystemTimeJson.appendTo(out, Instant.parse("2026-11-21T19:48:00.123456789Z"));
        assertThat(out).hasToString("at 2026-11-21T19:48:00.123456Z");
    }

    @Test
    void jacksonWritesTheSameFormThroughTheWriter() throws Exception {
        Instant t = Instant.parse("2024-02-29T23:59:59.9999995Z");
        String json = new ObjectMapper().writeValueAsString(Event.internal(1, "vm1", t, 1, 0));
        assertThat(json).contains("\"systemTime\":\"" + SystemTimeJson.FORMAT.format(t) + "\"")
                .contains("\"systemTime\":\"2024-02-29T23:59:59.999999Z\"");
    }

    /** The text written, or the exception thrown (its class and message). */
    private static String outcome(Supplier<String> format) {
        try {
            return format.get();
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
