package io.clocklab.core.testing;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.model.TickOutcome;
import io.clocklab.core.model.TickSchedule;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunData;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Honest runs on virtual time for tests: real {@link ModelMachine}s, each ticking on its own
 * {@link TickSchedule}, messages queued at the instant they are sent. Optionally each tick is late
 * by a seeded random part of its period (the jitter a live VM may show), and a network that loses,
 * doubles or holds chosen messages.
 * <p>
 * Outages ({@link #down}) follow the delivery protocol's promise: a VM that is down does not tick;
 * what is sent to it meanwhile waits at its sender and is queued when it is back (never, if it
 * stays down); what a VM sent in its last {@link #IN_FLIGHT} before going down was still on the wire
 * and is re-sent when it is back. Its queue survives (a restarted VM gets the unreceived messages
 * again, in order). With {@link #withEndState()} the run carries the end state the coordinator would
 * collect: the queue of every VM that is up at the end, and what every such VM still holds for its peers.
 */
public final class VirtualRuns {

    public static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    /** A sender's messages this close before it goes down were not yet on the wire. */
    public static final Duration IN_FLIGHT = Duration.ofMillis(100);

    private final Map<String, Integer> rates;
    private final int randomRange;
    private final long seed;
    private boolean jitter;
    private boolean endState;
    private Loss lose = (message, to, at) -> false;
    private Loss hold = (message, to, at) -> false;
    private Predicate<Message> deliverTwice = message -> false;
    private final List<Outage> outages = new ArrayList<>();

    private VirtualRuns(Map<String, Integer> rates, int randomRange, long seed) {
        this.rates = new LinkedHashMap<>(rates);
        this.randomRange = randomRange;
        this.seed = seed;
    }

    /** @param rates ticks per second, in the VMs' fixed order */
    public static VirtualRuns of(Map<String, Integer> rates, int randomRange, long seed) {
        return new VirtualRuns(rates, randomRange, seed);
    }

    public VirtualRuns withJitter() {
        this.jitter = true;
        return this;
    }

    /** Which messages the network loses on their way to one recipient. */
    @FunctionalInterface
    public interface Loss {
        boolean loses(Message message, String to, Instant sentAt);
    }

    public VirtualRuns losing(Loss lose) {
        this.lose = lose;
        return this;
    }

    /** Messages that never arrive, but stay with their sender, which lists them as not confirmed. */
    public VirtualRuns holding(Loss hold) {
        this.hold = hold;
        return this;
    }

    public VirtualRuns deliveringTwice(Predicate<Message> deliverTwice) {
        this.deliverTwice = deliverTwice;
        return this;
    }

    /** {@code vm} is down from {@code fromSeconds} until {@code toSeconds} (null: until the end). */
    public VirtualRuns down(String vm, double fromSeconds, Double toSeconds, String cause) {
        outages.add(new Outage(vm, at(fromSeconds), toSeconds == null ? null : at(toSeconds), cause));
        return this;
    }

    /** The run will carry its end state. */
    public VirtualRuns withEndState() {
        this.endState = true;
        return this;
    }

    public static Instant at(double seconds) {
        return START.plusNanos((long) (seconds * 1e9));
    }

    /** Runs for {@code seconds} of virtual time; the result counts as finished. */
    public RunData run(double seconds) {
        List<String> names = List.copyOf(rates.keySet());
        long end = (long) (seconds * 1e9);
        long[] now = {0};
        InstantSource time = () -> START.plusNanos(now[0]);
        SplittableRandom lateness = new SplittableRandom(seed ^ 0x5eed);
        Map<String, MessageQueue> queues = new LinkedHashMap<>();
        Map<String, Deque<String>> queuedIds = new LinkedHashMap<>();
        Map<String, ModelMachine> machines = new LinkedHashMap<>();
        Map<String, List<Event>> events = new LinkedHashMap<>();
        Map<String, Map<String, List<Message>>> held = new LinkedHashMap<>();
        // a tick (message == null) or a held message's delivery, which comes first at the same instant
        record Due(long at, int vm, long slot, Message message, String to, long order) {
        }
        PriorityQueue<Due> agenda = new PriorityQueue<>((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at())
                : a.message() != null && b.message() == null ? -1 : a.message() == null && b.message() != null ? 1
                : a.vm() != b.vm() ? Integer.compare(a.vm(), b.vm()) : Long.compare(a.order(), b.order()));
        long[] order = {0};
        List<TickSchedule> schedules = new ArrayList<>();
        for (int v = 0; v < names.size(); v++) {
            String name = names.get(v);
            queues.put(name, new MessageQueue());
            queuedIds.put(name, new ArrayDeque<>());
            List<String> peers = names.stream().filter(n -> !n.equals(name)).toList();
            machines.put(name, new ModelMachine(name, "virtual", peers, randomRange, Seeds.rollsFor(seed, name), queues.get(name), time));
            events.put(name, new ArrayList<>());
            held.put(name, new LinkedHashMap<>());
            schedules.add(new TickSchedule(0, rates.get(name), end));
            agenda.add(new Due(0, v, 0, null, null, order[0]++));
        }
        while (!agenda.isEmpty()) {
            Due due = agenda.poll();
            now[0] = due.at();
            String name = names.get(due.vm());
            if (due.message() != null) {
                held.get(name).get(due.to()).remove(due.message());
                queue(queues, queuedIds, due.to(), due.message());
                continue;
            }
            TickSchedule schedule = schedules.get(due.vm());
            long period = schedule.dueAt(due.slot() + 1) - schedule.dueAt(due.slot());
            if (downAt(name, now[0]) == null) {
                TickOutcome outcome = machines.get(name).tick();
                events.get(name).add(outcome.event());
                if (outcome.event().type() == EventType.RECEIVE) {
                    queuedIds.get(name).poll();
                }
                Instant sentAt = outcome.event().systemTime();
                for (String to : outcome.recipients()) {
                    Message message = outcome.outbound();
                    Long release = release(name, to, now[0]);
                    if (lose.loses(message, to, sentAt)) {
                        continue;
                    }
                    boolean heldForGood = hold.loses(message, to, sentAt);
                    if (release != null || heldForGood) {
                        held.get(name).computeIfAbsent(to, t -> new ArrayList<>()).add(message);
                        if (release != null && release >= 0 && !heldForGood) {
                            agenda.add(new Due(release, due.vm(), 0, message, to, order[0]++));
                        }
                        continue;
                    }
                    queue(queues, queuedIds, to, message);
                    if (deliverTwice.test(message)) {
                        queue(queues, queuedIds, to, message);
                    }
                }
            }
            long next = due.slot() + 1;
            if (schedule.runs(next)) {
                long late = jitter ? lateness.nextLong(Math.max(1, period)) : 0;
                agenda.add(new Due(schedule.dueAt(next) + late, due.vm(), next, null, null, order[0]++));
            }
        }
        return new RunData("virtual", rates, randomRange, true, events, outages, endState ? endState(queuedIds, held) : null);
    }

    private static void queue(Map<String, MessageQueue> queues, Map<String, Deque<String>> queuedIds, String to, Message message) {
        queues.get(to).add(message);
        queuedIds.get(to).add(message.messageId());
    }

    /** The outage of {@code vm} at this instant, if any. */
    private Outage downAt(String vm, long nanos) {
        Instant at = START.plusNanos(nanos);
        for (Outage outage : outages) {
            if (outage.vm().equals(vm) && !at.isBefore(outage.from()) && (outage.to() == null || at.isBefore(outage.to()))) {
                return outage;
            }
        }
        return null;
    }

    /**
     * When a message sent now from {@code from} to {@code to} reaches the queue: null at once; -1
     * never; otherwise the end of the outage that holds it up (the recipient's, or the sender's when
     * the sender goes down within {@link #IN_FLIGHT}).
     */
    private Long release(String from, String to, long nanos) {
        Outage recipientDown = downAt(to, nanos);
        Outage senderGoesDown = downAt(from, nanos + IN_FLIGHT.toNanos());
        Outage holding = recipientDown != null ? recipientDown : senderGoesDown;
        if (holding == null) {
            return null;
        }
        return holding.to() == null ? -1L : Duration.between(START, holding.to()).toNanos();
    }

    private EndState endState(Map<String, Deque<String>> queuedIds, Map<String, Map<String, List<Message>>> held) {
        Map<String, List<String>> queued = new LinkedHashMap<>();
        Map<String, Map<String, SentRange>> unconfirmed = new LinkedHashMap<>();
        for (String vm : rates.keySet()) {
            if (outages.stream().anyMatch(o -> o.vm().equals(vm) && o.untilTheEnd())) {
                continue; // down at the end: nobody can ask it
            }
            queued.put(vm, List.copyOf(queuedIds.get(vm)));
            Map<String, SentRange> byPeer = new LinkedHashMap<>();
            held.get(vm).forEach((peer, messages) -> {
                if (!messages.isEmpty()) {
                    byPeer.put(peer, SentRange.ofIds(vm, messages.stream().map(Message::messageId).toList()));
                }
            });
            unconfirmed.put(vm, byPeer);
        }
        return new EndState(queued, unconfirmed);
    }
}
