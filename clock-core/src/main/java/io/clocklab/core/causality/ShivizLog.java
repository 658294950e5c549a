package io.clocklab.core.causality;

import io.clocklab.core.control.Names;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * A run in ShiViz's log format, for the field's standard viewer (and TSViz and other tools that read
 * it). The file's first line is the regular expression that parses it ({@link #REGEX}), the second
 * the delimiter of several executions (empty: one run), then two lines per event, in causal order
 * ({@link CausalOrder}):
 * <pre>
 * SEND vm1-3 to=vm2,vm3 lamport=5 queue=0 time=2026-12-07T20:00:01.250000Z seq=3
 * vm1 {"vm1":3,"vm2":1}
 * </pre>
 * The first line describes the event (for a RECEIVE: {@code RECEIVE vm2-7 from=vm2 messageClock=9});
 * the second names its VM and gives its vector clock, which keeps ShiViz's rules: the VM is in its own
 * clock, its own count starts at 1 and rises by exactly 1 with each of its events, and no count is 0
 * (a VM none of whose events happened before this one is left out). Names in a run are letters,
 * digits, '.', '_' and '-', so no field needs quoting; a log with any other name is refused
 * (IllegalArgumentException naming the event).
 * <p>
 * Streamed: the events are read from the logs as they are written, so a run of any length is written
 * in the memory {@link CausalOrder} needs.
 */
public final class ShivizLog {

    /** The parser for ShiViz's input page: the description, then the VM and its vector clock. */
    public static final String REGEX = "(?<event>.*) lamport=(?<lamport>\\d+) queue=(?<queue>\\d+) time=(?<time>\\S+) seq=(?<seq>\\d+)"
            + "\\n(?<host>\\S+) (?<clock>\\{.*\\})";

    private ShivizLog() {
    }

    /** Writes the run to {@code out} (not closed), its VMs in the run's order ({@link CausalOrder#vmsOf}). */
    public static void write(RunData data, Writer out) throws IOException {
        write(CausalOrder.vmsOf(data), data.events(), out);
    }

    /** Writes the events of {@code vms} to {@code out} (not closed). */
    public static void write(List<String> vms, RunEvents events, Writer out) throws IOException {
        out.write(REGEX);
        out.write("\n\n");
        StringBuilder line = new StringBuilder(256);
        try {
            CausalOrder.stream(vms, events, (vm, event, vector, chain) -> {
                line.setLength(0);
                describe(event, line);
                line.append('\n').append(event.vm()).append(' ');
                clock(vms, vector, line);
                line.append('\n');
                try {
                    out.append(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The event's description line, without its line end. */
    static void describe(Event event, StringBuilder line) {
        name("VM name", event.vm(), event);
        if (event.messageId() != null) {
            name("message id", event.messageId(), event);
        }
        line.append(event.type().name());
        switch (event.type()) {
            case SEND -> {
                event.to().forEach(recipient -> name("recipient", recipient, event));
                line.append(' ').append(event.messageId()).append(" to=").append(String.join(",", event.to()));
            }
            case RECEIVE -> line.append(' ').append(event.messageId()).append(" from=").append(name("sender", event.from(), event))
                    .append(" messageClock=").append(event.messageClock());
            case INTERNAL -> {
            }
        }
        line.append(" lamport=").append(event.logicalClock()).append(" queue=").append(event.queueLength())
                .append(" time=").append(event.systemTime()).append(" seq=").append(event.seq());
    }

    /** A name written as it is: it must need no quoting in the description or the clock's JSON. */
    private static String name(String what, String value, Event event) {
        if (!Names.isValid(value)) {
            throw new IllegalArgumentException("cannot write " + event.vm() + "#" + event.seq() + " in ShiViz's format: its " + what
                    + " must be " + Names.RULE + ", got " + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }

    /** The vector clock as ShiViz reads it: a JSON object, VMs in the run's order, counts of 0 left out. */
    static void clock(List<String> vms, long[] vector, StringBuilder line) {
        line.append('{');
        boolean first = true;
        for (int v = 0; v < vector.length; v++) {
            if (vector[v] > 0) {
                line.append(first ? "" : ",").append('"').append(vms.get(v)).append("\":").append(vector[v]);
                first = false;
            }
        }
        line.append('}');
    }
}
