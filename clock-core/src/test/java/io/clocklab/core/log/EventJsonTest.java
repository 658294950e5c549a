package io.clocklab.core.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.SystemTimeJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventJsonTest {

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00.120Z");

    @Test
    void aSendHasToAndMessageIdOnly() {
        assertThat(EventJson.toLine(Event.send(3, "vm1", AT, 7, 0, List.of("vm2", "vm3"), "vm1-3")))
                .isEqualTo("{\"seq\":3,\"vm\":\"vm1\",\"type\":\"SEND\",\"systemTime\":\"2026-11-21T10:00:00.120000Z\","
                        + "\"logicalClock\":7,\"queueLength\":0,\"to\":[\"vm2\",\"vm3\"],\"messageId\":\"vm1-3\"}");
    }

    @Test
    void aReceiveHasMessageIdFromAndMessageClock() {
        assertThat(EventJson.toLine(Event.receive(4, "vm1", AT, 12, 2, new Message("r", "vm2", "vm2-9", 11))))
                .isEqualTo("{\"seq\":4,\"vm\":\"vm1\",\"type\":\"RECEIVE\",\"systemTime\":\"2026-11-21T10:00:00.120000Z\","
                        + "\"logicalClock\":12,\"queueLength\":2,\"messageId\":\"vm2-9\",\"from\":\"vm2\",\"messageClock\":11}");
    }

    @Test
    void anInternalEventHasOnlyTheCommonFields() {
        assertThat(EventJson.toLine(Event.internal(1, "vm3", AT, 1, 0)))
                .isEqualTo("{\"seq\":1,\"vm\":\"vm3\",\"type\":\"INTERNAL\",\"systemTime\":\"2026-11-21T10:00:00.120000Z\","
                        + "\"logicalClock\":1,\"queueLength\":0}");
    }

    @Test
    void aWholeSecondStillHasItsFraction() {
        String line = EventJson.toLine(Event.internal(1, "vm3", Instant.parse("2026-11-21T10:00:00Z"), 1, 0));
        assertThat(line).contains("\"systemTime\":\"2026-11-21T10:00:00.000000Z\"");
    }

    @Test
    void everyTypeRoundTrips() {
        for (Event event : List.of(Event.internal(1, "vm3", AT, 1, 0),
                Event.send(2, "vm3", AT, 2, 0, List.of("vm1"), "vm3-2"),
                Event.receive(3, "vm3", AT, 9, 0, new Message("r", "vm1", "vm1-5", 8)))) {
            assertThat(EventJson.fromLine(EventJson.toLine(event))).isEqualTo(event);
        }
    }

    @Test
    void garbageIsNotAnEvent() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventJson.fromLine("{\"seq\":"));
        assertThatIllegalArgumentException().isThrownBy(() -> EventJson.fromLine(
                "{\"seq\":1,\"vm\":\"v\",\"type\":\"INTERNAL\",\"systemTime\":\"yesterday\",\"logicalClock\":1,\"queueLength\":0}"));
    }

    @Test
    void escapingIsJacksonsShortFormsAndUpperCaseHexOnlyBelowSpace() throws Exception {
        StringBuilder vm = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            vm.append(c);
        }
        vm.append("\"\\/\u007f\u00e9\u2028\ud83d\ude00");
        Event event = Event.internal(1, vm.toString(), AT, 1, 0);

        String line = EventJson.toLine(event);

        assertThat(line).contains("\"vm\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r"
                + "\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001A\\u001B\\u001C\\u001D"
                + "\\u001E\\u001F\\\"\\\\/\u007f\u00e9\u2028\ud83d\ude00\",");
        assertThat(line).isEqualTo(new ObjectMapper().writeValueAsString(event));
    }

    @Test
    void twentyThousandRandomEventsAreWrittenAsJacksonWritesThemAndReadBack() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        Random random = new Random(20261121);
        List<Instant> times = new ArrayList<>(EDGE_TIMES);
        while (times.size() < 20_000) {
            times.add(randomTime(random));
        }
        for (Instant time : times) {
            Event event = randomEvent(random, time);

            String line = EventJson.toLine(event);

            assertThat(line).as("%s", event).isEqualTo(jackson.writeValueAsString(event));
            assertThat(line).as("%s", event).contains("\"systemTime\":\"" + SystemTimeJson.FORMAT.format(time) + "\"");
            StringBuilder appended = new StringBuilder("before|");
            EventJson.appendLine(appended, event);
            assertThat(appended.toString()).isEqualTo("before|" + line);
            Event truncated = new Event(event.seq(), event.vm(), event.type(), time.truncatedTo(ChronoUnit.MICROS), event.logicalClock(),
                    event.queueLength(), event.to(), event.messageId(), event.from(), event.messageClock());
            assertThat(EventJson.fromLine(line)).as("%s", line).isEqualTo(truncated);
        }
    }

    private static final List<Instant> EDGE_TIMES = List.of(
            Instant.EPOCH,
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.999999999Z"),
            Instant.parse("2000-02-29T12:00:00.000000500Z"),
            Instant.parse("2024-02-29T23:59:59.999999Z"),
            Instant.parse("2100-03-01T00:00:00Z"),
            Instant.parse("1600-02-29T00:00:00.000001Z"),
            Instant.parse("0000-02-29T08:00:00Z"),
            Instant.parse("9996-02-29T23:00:00Z"));

    /** Mostly 1970..9999, one in four 0000..1969, with any nanoseconds. */
    private static Instant randomTime(Random random) {
        long first = Instant.parse(random.nextInt(4) == 0 ? "0000-01-01T00:00:00Z" : "1970-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse(random.nextInt(4) == 0 ? "1969-12-31T23:59:59Z" : "9999-12-31T23:59:59Z").getEpochSecond();
        return Instant.ofEpochSecond(random.nextLong(Math.min(first, last), Math.max(first, last) + 1), random.nextInt(1_000_000_000));
    }

    /** Any type, its own fields always there (so it reads back), the others now and then. */
    private static Event randomEvent(Random random, Instant time) {
        EventType type = EventType.values()[random.nextInt(3)];
        List<String> to = type == EventType.SEND || random.nextInt(8) == 0 ? randomNames(random) : null;
        String messageId = type != EventType.INTERNAL || random.nextInt(8) == 0 ? randomText(random) : null;
        String from = type == EventType.RECEIVE || random.nextInt(8) == 0 ? randomText(random) : null;
        Long messageClock = type == EventType.RECEIVE || random.nextInt(8) == 0 ? randomLong(random) : null;
        return new Event(randomLong(random), randomText(random), type, time, randomLong(random), randomInt(random), to, messageId, from,
                messageClock);
    }

    private static List<String> randomNames(Random random) {
        List<String> names = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            names.add(randomText(random));
        }
        return names;
    }

    private static long randomLong(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> Long.MIN_VALUE;
            case 2 -> Long.MAX_VALUE;
            case 3 -> -random.nextInt(1000);
            case 4 -> random.nextInt(100_000);
            default -> random.nextLong();
        };
    }

    private static int randomInt(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Integer.MIN_VALUE;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> random.nextInt(50);
            default -> random.nextInt();
        };
    }

    /** Up to 12 characters: plain names, quotes, backslashes, slashes, every control character, DEL, non-ASCII, emoji, lone surrogates. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(13); i > 0; i--) {
            switch (random.nextInt(10)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/\u007f".charAt(random.nextInt(4)));
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 3 -> text.append("\u00e9\u00fc\u4e2d\u2028\u2029\ufeff\uffff\ud800\udfff".charAt(random.nextInt(9)));
                case 4 -> text.appendCodePoint(random.nextBoolean() ? 0x1F600 + random.nextInt(80) : 0x10000 + random.nextInt(0x100000));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }
}
