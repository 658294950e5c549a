package io.clocklab.core.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * {@code systemTime} as ISO-8601 UTC with exactly six fraction digits, e.g.
 * {@code 2026-11-21T19:48:00.123456Z}. Fixed width (unlike {@link Instant#toString()}, which drops
 * a zero fraction) so that every line has the same shape and sorts as text. Reading accepts any
 * ISO-8601 instant.
 */
public final class SystemTimeJson {

    /** The format's definition; {@link #appendTo} writes the same text several times faster, as one line per event needs. */
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Characters in the fixed-width form. */
    private static final int LENGTH = 27;

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the seconds written in four-digit years. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;

    private static final int SECONDS_PER_DAY = 86_400;

    private SystemTimeJson() {
    }

    /** {@code FORMAT.format(t)}, the same text. */
    public static String format(Instant t) {
        StringBuilder out = new StringBuilder(LENGTH);
        appendTo(out, t);
        return out.toString();
    }

    /**
     * Appends exactly what {@code FORMAT.format(t)} gives: computed here for years 0000 to 9999, by
     * {@link #FORMAT} itself (which throws where it throws) for any other instant.
     */
    public static void appendTo(StringBuilder out, Instant t) {
        long second = t.getEpochSecond();
        if (second < FIRST_SECOND || second > LAST_SECOND) {
            out.append(FORMAT.format(t));
            return;
        }
        long epochDay = Math.floorDiv(second, SECONDS_PER_DAY);
        int secondOfDay = (int) (second - epochDay * SECONDS_PER_DAY);

        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();

        int micros = t.getNano() / 1000;
        char[] text = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', '.',
                '0', '0', '0', '0', '0', '0', 'Z'};
        putTwoDigits(text, 0, year / 100);
        putTwoDigits(text, 2, year % 100);
        putTwoDigits(text, 5, month);
        putTwoDigits(text, 8, day);
        putTwoDigits(text, 11, secondOfDay / 3600);
        putTwoDigits(text, 14, secondOfDay / 60 % 60);
        putTwoDigits(text, 17, secondOfDay % 60);
        putTwoDigits(text, 20, micros / 10_000);
        putTwoDigits(text, 22, micros / 100 % 100);
        putTwoDigits(text, 24, micros % 100);
        out.append(text);
    }

    /** 0..99 as two digits at text[at], text[at + 1]. */
    private static void putTwoDigits(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }

    public static final class Writer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(format(value));
        }
    }

    public static final class Reader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException | NullPointerException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
