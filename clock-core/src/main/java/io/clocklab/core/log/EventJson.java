package io.clocklab.core.log;

import io.clocklab.core.control.Names;
import io.clocklab.core.model.Hlc;
import io.clocklab.core.model.VectorTime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.SystemTimeJson;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One event as one line of JSON: the log file's format, and each element of {@code GET /log}. */
public final class EventJson {

    private EventJson() {
    }

    /**
     * The event's line, without the newline: the very text Jackson writes for the record through its
     * annotations (fields in {@code @JsonPropertyOrder}'s order, nulls left out, Jackson's escaping),
     * written here by hand because the log writes one per event.
     */
    public static String toLine(Event event) {
        StringBuilder out = new StringBuilder(LINE_CAPACITY);
        appendLine(out, event);
        return out.toString();
    }

    /** Room for a usual line (a SEND to a few peers is about 150 characters). */
    static final int LINE_CAPACITY = 160;

    /** Appends {@link #toLine}'s text, without the newline. */
    public static void appendLine(StringBuilder out, Event event) {
        out.append("{\"seq\":").append(event.seq());
        out.append(",\"vm\":");
        appendString(out, event.vm());
        out.append(",\"type\":\"").append(event.type().name());
        out.append("\",\"systemTime\":\"");
        SystemTimeJson.appendTo(out, event.systemTime());
        out.append("\",\"logicalClock\":").append(event.logicalClock());
        out.append(",\"queueLength\":").append(event.queueLength());
        List<String> to = event.to();
        if (to != null) {
            out.append(",\"to\":[");
            for (int i = 0; i < to.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendString(out, to.get(i));
            }
            out.append(']');
        }
        if (event.messageId() != null) {
            out.append(",\"messageId\":");
            appendString(out, event.messageId());
        }
        if (event.from() != null) {
            out.append(",\"from\":");
            appendString(out, event.from());
        }
        if (event.messageClock() != null) {
            out.append(",\"messageClock\":").append(event.messageClock().longValue());
        }
        if (event.vectorClock() != null) {
            out.append(",\"vectorClock\":{");
            boolean first = true;
            for (Map.Entry<String, Long> entry : event.vectorClock().counts().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendString(out, entry.getKey());
                out.append(':').append(entry.getValue().longValue());
            }
            out.append('}');
        }
        if (event.hlc() != null) {
            out.append(",\"hlc\":{\"l\":").append(event.hlc().l()).append(",\"c\":").append(event.hlc().c()).append('}');
        }
        out.append('}');
    }

    /**
     * A JSON string as Jackson writes it by default: quote and backslash as {@code \" \\}, control
     * characters as {@code \b \t \n \f \r} or <code>&#92;u00XX</code> (upper-case hex), everything
     * else (also {@code /}, DEL and any non-ASCII) as it is.
     */
    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        int plain = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                out.append(text, plain, i).append('\\');
                switch (c) {
                    case '"', '\\' -> out.append(c);
                    case '\b' -> out.append('b');
                    case '\t' -> out.append('t');
                    case '\n' -> out.append('n');
                    case '\f' -> out.append('f');
                    case '\r' -> out.append('r');
                    default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
                plain = i + 1;
            }
        }
        if (plain == 0) {
            out.append(text);
        } else {
            out.append(text, plain, length);
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * One line that is not from a file (a {@code /log} page's element, a test's line), read by the same
     * strict parser as a file's lines ({@link #parse}).
     *
     * @throws IllegalArgumentException when the line is not an event, saying why
     */
    public static Event fromLine(String line) {
        try {
            return parse(NOT_A_FILE, 0, line);
        } catch (LogFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static final Path NOT_A_FILE = Path.of("(line)");

    /** Strict about a field given twice: which one counts would be a guess. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<String> REQUIRED = List.of("seq", "vm", "type", "systemTime", "logicalClock", "queueLength");

    /**
     * One line of a log file as an event, in one pass over its characters (a long run's logs are
     * read this way several times). Fields other than the schema's are ignored; a null counts as absent.
     * Strict where the schema is: numbers must be JSON integers (not strings or fractions), names
     * and ids strings, and no field may be given twice.
     *
     * @throws LogFormatException naming the file and line: not JSON, not an object, missing fields
     *                            (all of them, named), or a value of the wrong kind
     */
    public static Event parse(Path file, int lineNumber, String line) throws LogFormatException {
        Long seq = null;
        String vm = null;
        String type = null;
        String systemTime = null;
        Long logicalClock = null;
        Long queueLength = null;
        List<String> to = null;
        String messageId = null;
        String from = null;
        Long messageClock = null;
        VectorTime vectorClock = null;
        Hlc hlc = null;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new LogFormatException(file, lineNumber, "not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "seq" -> seq = whole(file, lineNumber, parser, field);
                    case "vm" -> vm = text(file, lineNumber, parser, field);
                    case "type" -> type = text(file, lineNumber, parser, field);
                    case "systemTime" -> systemTime = text(file, lineNumber, parser, field);
                    case "logicalClock" -> logicalClock = whole(file, lineNumber, parser, field);
                    case "queueLength" -> queueLength = whole(file, lineNumber, parser, field);
                    case "to" -> to = names(file, lineNumber, parser, field);
                    case "messageId" -> messageId = text(file, lineNumber, parser, field);
                    case "from" -> from = text(file, lineNumber, parser, field);
                    case "messageClock" -> messageClock = whole(file, lineNumber, parser, field);
                    case "vectorClock" -> vectorClock = vector(file, lineNumber, parser, field);
                    case "hlc" -> hlc = hybrid(file, lineNumber, parser, field);
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonParseException e) {
            throw new LogFormatException(file, lineNumber, "not JSON: " + e.getOriginalMessage(), e);
        } catch (LogFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new LogFormatException(file, lineNumber, "not JSON: " + e.getMessage(), e);
        }
        List<String> missing = new ArrayList<>();
        Object[] required = {seq, vm, type, systemTime, logicalClock, queueLength};
        for (int i = 0; i < required.length; i++) {
            if (required[i] == null) {
                missing.add(REQUIRED.get(i));
            }
        }
        if (EventType.SEND.name().equals(type)) {
            addIfNull(missing, to, "to");
            addIfNull(missing, messageId, "messageId");
        } else if (EventType.RECEIVE.name().equals(type)) {
            addIfNull(missing, messageId, "messageId");
            addIfNull(missing, from, "from");
            addIfNull(missing, messageClock, "messageClock");
        }
        if (!missing.isEmpty()) {
            throw new LogFormatException(file, lineNumber, "missing field" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        EventType eventType;
        try {
            eventType = EventType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new LogFormatException(file, lineNumber, "field type must be SEND, RECEIVE or INTERNAL, got \"" + type + "\"");
        }
        if (queueLength < Integer.MIN_VALUE || queueLength > Integer.MAX_VALUE) {
            throw new LogFormatException(file, lineNumber, "field queueLength is out of range: " + queueLength);
        }
        try {
            return new Event(seq, vm, eventType, instant(systemTime), logicalClock, queueLength.intValue(), to, messageId, from,
                    messageClock, vectorClock, hlc);
        } catch (DateTimeParseException e) {
            throw new LogFormatException(file, lineNumber, "field systemTime must be an ISO-8601 instant, got \"" + systemTime + "\"");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new LogFormatException(file, lineNumber, e.getMessage(), e);
        }
    }

    private static void addIfNull(List<String> missing, Object value, String field) {
        if (value == null) {
            missing.add(field);
        }
    }

    private static long whole(Path file, int lineNumber, JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new LogFormatException(file, lineNumber, "field " + field + " must be a whole number, got " + shown(parser));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new LogFormatException(file, lineNumber, "field " + field + " is out of range: " + parser.getText());
        }
        return parser.getLongValue();
    }

    private static String text(Path file, int lineNumber, JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new LogFormatException(file, lineNumber, "field " + field + " must be a string, got " + shown(parser));
        }
        return parser.getText();
    }

    private static List<String> names(Path file, int lineNumber, JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new LogFormatException(file, lineNumber, "field " + field + " must be an array of VM names, got " + shown(parser));
        }
        List<String> names = new ArrayList<>(2);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                throw new LogFormatException(file, lineNumber, "field " + field + " must hold VM names (strings), got " + shown(parser));
            }
            names.add(parser.getText());
        }
        return names;
    }

    /** A vector time, {@code {"vm1":3,"vm2":1}}: counts from 1, valid VM names, each name once. */
    private static VectorTime vector(Path file, int lineNumber, JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new LogFormatException(file, lineNumber, "field " + field + " must be an object of VM counts, got " + shown(parser));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String vm = parser.currentName();
            if (!Names.isValid(vm)) {
                throw new LogFormatException(file, lineNumber, "field " + field + " names an invalid VM '" + vm + "': use " + Names.RULE);
            }
            parser.nextToken();
            counts.put(vm, whole(file, lineNumber, parser, field + "." + vm));
        }
        try {
            return new VectorTime(counts);
        } catch (IllegalArgumentException e) {
            throw new LogFormatException(file, lineNumber, "field " + field + ": " + e.getMessage(), e);
        }
    }

    /** A hybrid time, {@code {"l":1764000000000,"c":0}}: both whole numbers, nothing else. */
    private static Hlc hybrid(Path file, int lineNumber, JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new LogFormatException(file, lineNumber, "field " + field + " must be an object {l, c}, got " + shown(parser));
        }
        Long l = null;
        Long c = null;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "l" -> l = whole(file, lineNumber, parser, field + ".l");
                case "c" -> c = whole(file, lineNumber, parser, field + ".c");
                default -> throw new LogFormatException(file, lineNumber, "field " + field + " has only l and c, got " + name);
            }
        }
        if (l == null || c == null) {
            throw new LogFormatException(file, lineNumber, "field " + field + " needs both l and c");
        }
        try {
            return new Hlc(l, c);
        } catch (IllegalArgumentException e) {
            throw new LogFormatException(file, lineNumber, "field " + field + ": " + e.getMessage(), e);
        }
    }

    private static String shown(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return token == JsonToken.START_ARRAY ? "an array" : token == JsonToken.START_OBJECT ? "an object" : parser.getText();
    }

    /** The log's fixed-width form {@code 2026-11-21T19:48:00.123456Z} quickly, any other ISO-8601 instant the slow way. */
    static Instant instant(String text) {
        if (text.length() == 27 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':' && text.charAt(19) == '.' && text.charAt(26) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int micros = digits(text, 20, 26);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60 && micros >= 0) {
                try {
                    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, micros * 1000L);
                } catch (java.time.DateTimeException e) {
                    // no such day: Instant.parse below says so
                }
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number in text[from, to), -1 if any character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
