package io.clocklab.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.clocklab.core.causality.ShivizLog;
import io.clocklab.core.control.Names;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One ShiViz log file read entry by entry ({@link ShivizLogs} makes a run of them). The file either
 * starts with its parsing regular expression (a line naming the groups {@code host}, {@code clock} and
 * {@code event}, as clocklab's export and ShiViz's "upload a file" want it), followed by the delimiter
 * of several executions (which must be empty: one execution per file), or has no header at all, as
 * GoVector writes each process's log: then each entry is two lines, the host and its clock
 * ({@value #HOST_CLOCK_FIRST}'s order) if the first line looks like {@code host {...}}, else the
 * description first ({@value #DESCRIPTION_FIRST}).
 * <p>
 * An entry is as many non-blank lines as the expression has {@code \n}, plus one; blank lines are
 * skipped. The lines are joined with '\n' and must match the expression as a whole (Java's regular
 * expressions: a '{' that opens no repetition is read as a literal brace, as JavaScript reads it).
 * The clock must be a JSON object of host names to whole numbers of at least 1. Memory: one entry.
 */
final class ShivizEntries implements AutoCloseable {

    /** GoVector's order, and the expression ShiViz's users give for its logs: the host and its clock, then the description. */
    static final String HOST_CLOCK_FIRST = "(?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)";
    /** The description, then the host and its clock: the order of clocklab's export ({@link ShivizLog#REGEX}). */
    static final String DESCRIPTION_FIRST = "(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})";
    /** The groups every expression must name. */
    static final List<String> REQUIRED_GROUPS = List.of("host", "clock", "event");
    /** Groups read as the event's wall time, when every entry's is ISO-8601. */
    static final List<String> TIME_GROUPS = List.of("time", "timestamp", "date");

    /** A line {@code host {...}}: how a header-less file is told apart, and how {@link LogFormat} spots one. */
    static final Pattern HOST_CLOCK_LINE = Pattern.compile("\\S+ \\{.*}\\s*");
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern REPETITION = Pattern.compile("\\{\\d+(,\\d*)?}");
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final int SHOWN = 80;

    /** One event as the file gives it: its host, its clock's hosts and counts, where it is. */
    record Entry(String host, List<String> clockHosts, long[] counts, String time, int line, int clockLine) {
    }

    private final Path file;
    private final BufferedReader in;
    private final Pattern pattern;
    private final String regex;
    private final int linesPerEntry;
    private final String timeGroup;
    private String pushedBack;
    private int pushedBackNumber;
    private int lineNumber;

    private ShivizEntries(Path file, BufferedReader in, String regex, String pushedBack, int pushedBackNumber, int lineNumber)
            throws LogFormatException {
        this.file = file;
        this.in = in;
        this.regex = regex;
        this.pushedBack = pushedBack;
        this.pushedBackNumber = pushedBackNumber;
        this.lineNumber = lineNumber;
        Set<String> groups = groupNames(regex);
        List<String> missing = REQUIRED_GROUPS.stream().filter(group -> !groups.contains(group)).toList();
        if (!missing.isEmpty()) {
            throw new LogFormatException(file, 1, "the parsing regular expression must name the groups host, clock and event"
                    + " ((?<host>...)); it lacks " + String.join(", ", missing) + ": '" + shown(regex) + "'");
        }
        try {
            this.pattern = Pattern.compile(forJava(regex));
        } catch (PatternSyntaxException e) {
            throw new LogFormatException(file, 1, "the parsing regular expression is not one Java can read: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + shown(regex) + "'", e);
        }
        this.linesPerEntry = newlines(regex) + 1;
        this.timeGroup = TIME_GROUPS.stream().filter(groups::contains).findFirst().orElse(null);
    }

    /**
     * Opens the file and reads its header, if it has one.
     *
     * @throws LogFormatException for a header that names no host, clock and event, an expression Java
     *                            cannot read, a delimiter of several executions, no entries, text that is not UTF-8
     */
    static ShivizEntries open(Path file) throws IOException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            int number = 0;
            String first = null;
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    number++;
                    if (!line.isBlank()) {
                        first = line;
                        break;
                    }
                }
            } catch (CharacterCodingException e) {
                throw new LogFormatException(file, number + 1, "not UTF-8 text", e);
            }
            if (first == null) {
                throw new LogFormatException(file, 0, "empty: a ShiViz log has at least one event, two lines: the description and"
                        + " 'host {\"host\":1}'");
            }
            if (isHeader(first)) {
                String delimiter;
                try {
                    delimiter = in.readLine();
                } catch (CharacterCodingException e) {
                    throw new LogFormatException(file, number + 1, "not UTF-8 text", e);
                }
                if (delimiter != null && !delimiter.isBlank()) {
                    throw new LogFormatException(file, number + 1, "the line after the parsing expression is ShiViz's delimiter of several"
                            + " executions, and must be empty: clocklab reads one execution per file; got '" + shown(delimiter) + "'");
                }
                return new ShivizEntries(file, in, first.strip(), null, 0, number + 1);
            }
            String regex = HOST_CLOCK_LINE.matcher(first).matches() ? HOST_CLOCK_FIRST : DESCRIPTION_FIRST;
            return new ShivizEntries(file, in, regex, first, number, number);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Whether a file's first non-blank line is a parsing expression: it names a group. */
    static boolean isHeader(String line) {
        return line.contains("(?<");
    }

    /** The expression that parses this file's entries. */
    String regex() {
        return regex;
    }

    /** The group read as the wall time, null when there is none. */
    String timeGroup() {
        return timeGroup;
    }

    /**
     * The next entry, null after the last.
     *
     * @throws LogFormatException naming the line: an entry that does not match the expression, a file
     *                            that ends inside an entry, a host that is no VM name, a clock that is not
     *                            a JSON object of host names to whole numbers of at least 1
     */
    Entry next() throws IOException {
        StringBuilder text = new StringBuilder();
        int[] lines = new int[linesPerEntry];
        int read = 0;
        try {
            while (read < linesPerEntry) {
                String line;
                int number;
                if (pushedBack != null) {
                    line = pushedBack;
                    number = pushedBackNumber;
                    pushedBack = null;
                } else {
                    line = in.readLine();
                    number = ++lineNumber;
                }
                if (line == null) {
                    if (read == 0) {
                        return null;
                    }
                    throw new LogFormatException(file, lines[0], "the file ends inside an entry: each entry is " + linesPerEntry
                            + " lines, as the parsing expression '" + shown(regex) + "' has them, and this one has " + read);
                }
                if (line.isBlank()) {
                    continue;
                }
                text.append(read == 0 ? "" : "\n").append(line);
                lines[read++] = number;
            }
        } catch (CharacterCodingException e) {
            throw new LogFormatException(file, lineNumber, "not UTF-8 text", e);
        }
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            throw new LogFormatException(file, lines[0], "the entry does not match the parsing expression '" + shown(regex) + "': got '"
                    + shown(text.toString().replace("\n", "\\n")) + "'");
        }
        int hostLine = lines[lineIn(text, m.start("host"))];
        int clockLine = lines[lineIn(text, m.start("clock"))];
        String host = m.group("host");
        if (!Names.isValid(host)) {
            throw new LogFormatException(file, hostLine, "the host '" + shown(host) + "' cannot be a VM name: it must be " + Names.RULE);
        }
        List<String> hosts = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        clock(m.group("clock"), clockLine, hosts, counts);
        long[] values = new long[counts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.get(i);
        }
        return new Entry(host, hosts, values, timeGroup == null ? null : m.group(timeGroup), lines[0], clockLine);
    }

    /** The clock, {@code {"vm1":3,"vm2":1}}: an object of host names to counts of at least 1, each host once. */
    private void clock(String text, int line, List<String> hosts, List<Long> counts) throws LogFormatException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new LogFormatException(file, line, "the clock must be a JSON object such as {\"vm1\":3,\"vm2\":1}, got '" + shown(text) + "'");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!Names.isValid(name)) {
                    throw new LogFormatException(file, line, "the clock names the host '" + shown(name) + "', which cannot be a VM name: it must be "
                            + Names.RULE);
                }
                if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new LogFormatException(file, line, "the clock's count of " + name + " must be a whole number, got '" + shown(parser.getText()) + "'");
                }
                long count = parser.getLongValue();
                if (count < 1) {
                    throw new LogFormatException(file, line, "the clock's count of " + name + " is " + count + ": counts start at 1, and a host"
                            + " none of whose events is known is left out of the clock (ShiViz's rule: no zero entries)");
                }
                hosts.add(name);
                counts.add(count);
            }
            if (parser.nextToken() != null) {
                throw new LogFormatException(file, line, "text after the clock's JSON object: '" + shown(text) + "'");
            }
        } catch (JsonProcessingException e) {
            throw new LogFormatException(file, line, "the clock is not valid JSON (" + e.getOriginalMessage() + "): '" + shown(text) + "'", e);
        } catch (LogFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new LogFormatException(file, line, "the clock cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The names of the expression's groups, {@code (?<name>...)}. */
    static Set<String> groupNames(String regex) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = GROUP_NAME.matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** How many {@code \n} the expression matches: the lines an entry spans, less one. */
    static int newlines(String regex) {
        int count = 0;
        for (int i = 0; i < regex.length() - 1; i++) {
            if (regex.charAt(i) == '\\') {
                if (regex.charAt(i + 1) == 'n') {
                    count++;
                }
                i++;
            }
        }
        return count;
    }

    /**
     * The expression as Java reads it: JavaScript (ShiViz's language) takes a '{' that opens no
     * repetition such as {@code {2,3}} as a literal brace, Java refuses it. Escapes and character classes are kept.
     */
    static String forJava(String regex) {
        StringBuilder java = new StringBuilder(regex.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                java.append(c).append(regex.charAt(++i));
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '{' && !inClass && !REPETITION.matcher(regex).region(i, regex.length()).lookingAt()) {
                java.append("\\{");
                continue;
            }
            java.append(c);
        }
        return java.toString();
    }

    /** Which of the entry's lines (0-based) holds the character at {@code index} of the joined text. */
    private static int lineIn(CharSequence text, int index) {
        int line = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static String shown(String text) {
        return text == null ? "nothing" : text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }
}
