package io.clocklab.core.log;

import io.clocklab.core.model.Checkpoint;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a VM's own log says about where it stood in its run, so that a restarted VM goes on from
 * there: its {@link Checkpoint} (last seq, clock, rolls drawn), per sender the highest send-seq it
 * logged as RECEIVE, and per peer the messages it sent there, in order (to re-send those the peer
 * has not logged). Pure: it only reads events.
 *
 * @param receivedUpTo per sender: the highest send-seq of theirs logged as RECEIVE
 * @param sentTo       per peer: every message this VM's SENDs addressed to it, oldest first
 */
public record RecoveredState(String runId, String vm, Checkpoint checkpoint,
                             Map<String, Long> receivedUpTo, Map<String, List<Message>> sentTo) {

    public RecoveredState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(checkpoint, "checkpoint");
        receivedUpTo = Map.copyOf(receivedUpTo);
        Map<String, List<Message>> copy = new LinkedHashMap<>();
        sentTo.forEach((peer, messages) -> copy.put(peer, List.copyOf(messages)));
        sentTo = Collections.unmodifiableMap(copy);
    }

    /** The state of a log whose events are all given, in seq order. */
    public static RecoveredState of(String runId, String vm, List<Event> events) {
        Reader reader = reader(runId, vm);
        events.forEach(reader::add);
        return reader.state();
    }

    /** Reads events one at a time, so a long log need not be held in memory. */
    public static Reader reader(String runId, String vm) {
        return new Reader(runId, vm);
    }

    /** Folds a log's events, in seq order, into a {@link RecoveredState}. */
    public static final class Reader {

        private final String runId;
        private final String vm;
        private long seq;
        private long clock;
        private long rolls;
        private io.clocklab.core.model.Stamp stamp;
        private final Map<String, Long> receivedUpTo = new LinkedHashMap<>();
        private final Map<String, List<Message>> sentTo = new LinkedHashMap<>();
        private final Map<String, Long> sentUpTo = new LinkedHashMap<>();
        private boolean keepMessages = true;

        private Reader(String runId, String vm) {
            this.runId = Objects.requireNonNull(runId, "runId");
            this.vm = Objects.requireNonNull(vm, "vm");
        }

        /**
         * From now on the messages sent are not collected ({@link RecoveredState#sentTo()} stays empty),
         * only the highest send-seq per peer ({@link #sentUpTo()}): for a long log whose messages are
         * read back from the file when needed, so that reading it back takes no memory per event.
         */
        public Reader withoutMessages() {
            keepMessages = false;
            return this;
        }

        /** Per peer: the highest seq of this VM's SENDs addressed to it, so far. */
        public Map<String, Long> sentUpTo() {
            return Map.copyOf(sentUpTo);
        }

        /**
         * @throws IllegalArgumentException when the event does not continue this VM's log: another
         *                                  VM's, a seq gap, a clock that does not increase, a
         *                                  message id that is not {@code <sender>-<seq>}
         */
        public Reader add(Event event) {
            if (!event.vm().equals(vm)) {
                throw new IllegalArgumentException("seq " + event.seq() + " is " + event.vm() + "'s event, not " + vm + "'s");
            }
            if (event.seq() != seq + 1) {
                throw new IllegalArgumentException("expected seq " + (seq + 1) + ", got " + event.seq());
            }
            if (event.logicalClock() <= clock && seq > 0 || event.logicalClock() < 1) {
                throw new IllegalArgumentException("seq " + event.seq() + ": clock " + event.logicalClock() + " does not increase from " + clock);
            }
            if (event.type() == EventType.RECEIVE) {
                long sendSeq = MessageIds.seqIfFrom(event.from(), event.messageId());
                if (sendSeq < 1) {
                    throw new IllegalArgumentException("seq " + event.seq() + ": message " + event.messageId() + " is not from " + event.from());
                }
                receivedUpTo.merge(event.from(), sendSeq, Math::max);
            } else {
                rolls++;
            }
            if (event.type() == EventType.SEND) {
                if (MessageIds.seqIfFrom(vm, event.messageId()) != event.seq()) {
                    throw new IllegalArgumentException("seq " + event.seq() + ": a SEND's id is " + MessageIds.of(vm, event.seq())
                            + ", got " + event.messageId());
                }
                if (event.to() == null || event.to().isEmpty()) {
                    throw new IllegalArgumentException("seq " + event.seq() + ": a SEND without recipients");
                }
                Message message = keepMessages ? new Message(runId, vm, event.messageId(), event.logicalClock(), event.stamp()) : null;
                for (String peer : event.to()) {
                    sentUpTo.put(peer, event.seq());
                    if (keepMessages) {
                        sentTo.computeIfAbsent(peer, p -> new ArrayList<>()).add(message);
                    }
                }
            }
            seq = event.seq();
            clock = event.logicalClock();
            stamp = event.stamp();
            return this;
        }

        public RecoveredState state() {
            return new RecoveredState(runId, vm, new Checkpoint(seq, clock, rolls, stamp), receivedUpTo, sentTo);
        }
    }
}
