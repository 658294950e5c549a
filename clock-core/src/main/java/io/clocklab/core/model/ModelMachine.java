package io.clocklab.core.model;


import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One model machine in one run: the tick decision of the exercise and nothing else. It does no
 * I/O and keeps no time of its own, so the live VM and a simulator drive the very same code.
 * {@link #tick()} is called by one thread at a time.
 */
public final class ModelMachine {

    private final String name;
    private final String runId;
    private final List<String> peers;
    private final int randomRange;
    private final RandomGenerator rolls;
    private final MessageQueue queue;
    private final InstantSource time;
    private final LamportClock clock;
    private final ClockKind clockKind;
    /** {@link ClockKind#VECTOR} only. */
    private final VectorClock vector;
    /** {@link ClockKind#HYBRID} only. */
    private final HybridClock hybrid;
    private long seq;

    /**
     * @param peers       the other machines, in the fixed order the rolls refer to
     * @param randomRange rolls are drawn uniformly from {@code 1..randomRange}
     * @param rolls       this machine's seeded generator (see {@link Seeds#rollsFor})
     * @param queue       the inbox that receivers fill
     * @param time        where event timestamps come from (wall clock live, virtual time simulated)
     */
    public ModelMachine(String name, String runId, List<String> peers, int randomRange,
                        RandomGenerator rolls, MessageQueue queue, InstantSource time) {
        this(name, runId, peers, randomRange, rolls, queue, time, Checkpoint.START);
    }

    /**
     * A machine that goes on from {@code from}: its next event has seq {@code from.seq() + 1}, its
     * clock starts at {@code from.clock()}, and the {@code from.rolls()} rolls it had drawn are
     * drawn again and thrown away, so that it rolls what it would have rolled without the break.
     *
     * @param rolls the same seeded generator as the first time, fresh
     */
    public ModelMachine(String name, String runId, List<String> peers, int randomRange,
                        RandomGenerator rolls, MessageQueue queue, InstantSource time, Checkpoint from) {
        this(name, runId, peers, randomRange, rolls, queue, time, from, ClockKind.LAMPORT);
    }

    /**
     * A machine of a run with clock algorithm {@code clockKind}. Its Lamport clock runs in every
     * run (the exercise's rules and {@code logicalClock}); a vector or hybrid clock runs beside it,
     * goes on from {@code from.stamp()}, stamps every event and travels with every message.
     *
     * @param time for a hybrid clock also its physical time {@code pt}, in milliseconds
     */
    public ModelMachine(String name, String runId, List<String> peers, int randomRange,
                        RandomGenerator rolls, MessageQueue queue, InstantSource time, Checkpoint from, ClockKind clockKind) {
        this.name = Objects.requireNonNull(name, "name");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.peers = List.copyOf(peers);
        RandomRange.require(randomRange);
        if (this.peers.contains(name)) {
            throw new IllegalArgumentException(name + " cannot be its own peer");
        }
        this.randomRange = randomRange;
        this.rolls = Objects.requireNonNull(rolls, "rolls");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.time = Objects.requireNonNull(time, "time");
        this.seq = from.seq();
        this.clock = new LamportClock(from.clock());
        this.clockKind = Objects.requireNonNull(clockKind, "clockKind");
        this.vector = clockKind == ClockKind.VECTOR
                ? new VectorClock(name, from.stamp() instanceof VectorTime v ? v : VectorTime.EMPTY) : null;
        this.hybrid = clockKind == ClockKind.HYBRID
                ? new HybridClock(from.stamp() instanceof Hlc h ? h : Hlc.ZERO) : null;
        for (long i = 0; i < from.rolls(); i++) {
            roll();
        }
    }

    /**
     * Does exactly one thing: receive one queued message, or roll for a send or an internal event.
     * A vector or hybrid clock moves by its own rule with the Lamport clock; a received message
     * without its time (it never comes from a VM of the same run) moves it as a local event would.
     */
    public TickOutcome tick() {
        long before = clock.value();
        Instant at = now();
        Message message = queue.poll();
        if (message != null) {
            long after = clock.receive(message.clock());
            Stamp stamp = receiveStamp(at, message.stamp());
            return new TickOutcome(Event.receive(++seq, name, at, after, queue.size(), message).withStamp(stamp), before, null);
        }
        Action action = Action.forRoll(roll(), peers);
        long after = clock.tick();
        Stamp stamp = tickStamp(at);
        if (action instanceof Action.Send send) {
            long sendSeq = ++seq;
            String messageId = MessageIds.of(name, sendSeq);
            Event event = Event.send(sendSeq, name, at, after, queue.size(), send.to(), messageId).withStamp(stamp);
            return new TickOutcome(event, before, new Message(runId, name, messageId, after, stamp));
        }
        return new TickOutcome(Event.internal(++seq, name, at, after, queue.size()).withStamp(stamp), before, null);
    }

    private Stamp tickStamp(Instant at) {
        return switch (clockKind) {
            case LAMPORT -> null;
            case VECTOR -> vector.tick();
            case HYBRID -> hybrid.tick(at.toEpochMilli());
        };
    }

    private Stamp receiveStamp(Instant at, Stamp carried) {
        return switch (clockKind) {
            case LAMPORT -> null;
            case VECTOR -> carried instanceof VectorTime v ? vector.receive(v) : vector.tick();
            case HYBRID -> carried instanceof Hlc h ? hybrid.receive(at.toEpochMilli(), h) : hybrid.tick(at.toEpochMilli());
        };
    }

    /** The one way a roll is drawn, so that a resumed machine skips exactly the rolls it drew. */
    private int roll() {
        return rolls.nextInt(1, randomRange + 1);
    }

    public String name() {
        return name;
    }

    public String runId() {
        return runId;
    }

    public long clock() {
        return clock.value();
    }

    public ClockKind clockKind() {
        return clockKind;
    }

    public int queueLength() {
        return queue.size();
    }

    /** Microseconds: finer than the contract's milliseconds, and exactly what the log can carry. */
    private Instant now() {
        return time.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
