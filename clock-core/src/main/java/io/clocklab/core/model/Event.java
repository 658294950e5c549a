package io.clocklab.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;


import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One logged event, exactly as the contract's log schema gives it. The Jackson annotations make
 * this record its own JSON form, so the log file and {@code GET /log} cannot drift apart.
 *
 * @param seq          1, 2, 3 ... per machine per run
 * @param logicalClock the clock after the event
 * @param queueLength  messages still waiting after the event
 * @param to           SEND only: the peers the message went to
 * @param messageId    SEND and RECEIVE: the message's id, unique in the run
 * @param from         RECEIVE only: the sender
 * @param messageClock RECEIVE only: the clock value the message carried
 * @param vectorClock  runs with {@code "clock": "vector"} only: the VM's vector time after the event
 * @param hlc          runs with {@code "clock": "hybrid"} only: the VM's hybrid time after the event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"seq", "vm", "type", "systemTime", "logicalClock", "queueLength", "to", "messageId", "from", "messageClock", "vectorClock", "hlc"})
public record Event(
        long seq,
        String vm,
        EventType type,
        @JsonSerialize(using = SystemTimeJson.Writer.class)
        @JsonDeserialize(using = SystemTimeJson.Reader.class)
        Instant systemTime,
        long logicalClock,
        int queueLength,
        List<String> to,
        String messageId,
        String from,
        Long messageClock,
        VectorTime vectorClock,
        Hlc hlc) {

    public Event {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(systemTime, "systemTime");
        to = to == null ? null : List.copyOf(to);
    }

    /** An event of a Lamport run: neither a vector nor a hybrid time. */
    public Event(long seq, String vm, EventType type, Instant systemTime, long logicalClock, int queueLength, List<String> to,
                 String messageId, String from, Long messageClock) {
        this(seq, vm, type, systemTime, logicalClock, queueLength, to, messageId, from, messageClock, null, null);
    }

    /** The same event with the other algorithm's time after it; itself for null. */
    public Event withStamp(Stamp stamp) {
        if (stamp == null) {
            return this;
        }
        return new Event(seq, vm, type, systemTime, logicalClock, queueLength, to, messageId, from, messageClock,
                stamp instanceof VectorTime vector ? vector : vectorClock, stamp instanceof Hlc h ? h : hlc);
    }

    /** The other algorithm's time after this event: its vector or hybrid time, null in a Lamport run's event. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Stamp stamp() {
        return vectorClock != null ? vectorClock : hlc;
    }

    public static Event send(long seq, String vm, Instant at, long clock, int queueLength, List<String> to, String messageId) {
        return new Event(seq, vm, EventType.SEND, at, clock, queueLength, to, messageId, null, null);
    }

    public static Event receive(long seq, String vm, Instant at, long clock, int queueLength, Message message) {
        return new Event(seq, vm, EventType.RECEIVE, at, clock, queueLength, null, message.messageId(), message.from(), message.clock());
    }

    public static Event internal(long seq, String vm, Instant at, long clock, int queueLength) {
        return new Event(seq, vm, EventType.INTERNAL, at, clock, queueLength, null, null, null, null);
    }
}
