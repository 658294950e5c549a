package io.clocklab.core.log;

import io.clocklab.core.run.RunData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run read from ShiViz logs ({@link ShivizLogs#load}), and what the reader had to make up or could
 * not tell, for the CLI and the report to say.
 *
 * @param data                 the run: each host a VM, its events in its own count's order, messages
 *                             reconstructed from the vector clocks, Lamport clocks computed
 * @param files                the files read, in the order given
 * @param timeGroup            the group the wall times were read from; null when the times are synthetic
 * @param syntheticTimes       the times are made up: {@link ShivizLogs#SYNTHETIC_START}, then 1 ms per event in a causal order
 * @param whySynthetic         why (no time group, or the first entry whose time is not ISO-8601); null when read
 * @param receives             the events whose clock grew for another host: RECEIVEs
 * @param inexactReceives      RECEIVEs whose clock is no single message's merge (several messages at once,
 *                             or events left out of the log): each was joined to one sender, the candidate with the largest count
 * @param firstInexact         the first of those, {@code vm#seq at file:line}; null when none
 * @param sendersThatReceive   RECEIVEs whose sender's event is itself a RECEIVE: a clocklab event is one or the
 *                             other, so those messages have no SEND (the checker says so, and the happens-before
 *                             derived from messages misses them; the carried vectors keep them)
 * @param firstSenderThatReceives the first of those; null when none
 */
public record ShivizImport(RunData data, List<Path> files, String timeGroup, boolean syntheticTimes, String whySynthetic,
                           long receives, long inexactReceives, String firstInexact, long sendersThatReceive,
                           String firstSenderThatReceives) {

    public ShivizImport {
        files = List.copyOf(files);
    }

    /** What the reader made up or could not tell, one line each, for people. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "read from a ShiViz log: ShiViz's rules on vector clocks hold (checked on reading); %,d"
                + " RECEIVEs and their SENDs reconstructed from the clocks, and the Lamport clocks computed by Lamport's rules, so"
                + " SEQ_CONTIGUOUS, CLOCK_INCREASES, UPDATE_RULE, UNIQUE_MESSAGE_ID and NO_DUPLICATE_RECEIVE hold by construction"
                + " (checked, they check the reconstruction, not the system that wrote the log)", receives));
        notes.add(syntheticTimes ? "times are synthetic (" + whySynthetic + "): " + ShivizLogs.SYNTHETIC_START
                + " and 1 ms per event in a causal order; rates, drift and time plots say nothing about the real run"
                : "times read from the log's '" + timeGroup + "' group");
        if (inexactReceives > 0) {
            notes.add(String.format(Locale.ROOT, "%,d receives merge more than one message's clock (the first: %s); each was joined to"
                    + " one sender, the host with the largest count", inexactReceives, firstInexact));
        }
        if (sendersThatReceive > 0) {
            notes.add(String.format(Locale.ROOT, "%,d receives are of a message whose sending event is itself a receive (the first: %s);"
                    + " clocklab's events are one or the other, so those messages have no SEND", sendersThatReceive, firstSenderThatReceives));
        }
        return notes;
    }
}
