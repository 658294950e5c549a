package io.clocklab.core.check;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.RunData;
import io.clocklab.core.testing.VirtualRuns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulated runs, honest or damaged at random (seeded): outages, lost, held and doubled messages,
 * and then edits of the logs and of the end state of every kind the checker knows.
 */
final class DamagedRuns {

    private DamagedRuns() {
    }

    static Map<String, Integer> rates(int... values) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            rates.put("vm" + (i + 1), values[i]);
        }
        return rates;
    }

    /** A simulated run with or without its end state and outages, chosen by the seed; the network may lose, hold and double messages. */
    static RunData simulated(long seed, Map<String, Integer> rates, double seconds) {
        return simulated(seed, rates, seconds, true);
    }

    /** @param badNetwork whether the network may lose, hold and double messages; without, the run is honest */
    static RunData simulated(long seed, Map<String, Integer> rates, double seconds, boolean badNetwork) {
        SplittableRandom random = new SplittableRandom(seed);
        VirtualRuns runs = VirtualRuns.of(rates, random.nextInt(3, 12), seed);
        if (random.nextBoolean()) {
            runs.withJitter();
        }
        if (random.nextBoolean()) {
            runs.withEndState();
        }
        List<String> vms = List.copyOf(rates.keySet());
        switch (random.nextInt(4)) {
            case 0 -> runs.down(vms.get(random.nextInt(vms.size())), seconds * 0.3, seconds * 0.5, "restarted");
            case 1 -> runs.down(vms.get(random.nextInt(vms.size())), seconds * 0.7, null, "killed");
            default -> {
            }
        }
        double lossRate = badNetwork && random.nextInt(3) == 0 ? 0.02 : 0;
        double holdRate = badNetwork && random.nextInt(3) == 0 ? 0.01 : 0;
        long lossSeed = random.nextLong();
        runs.losing((message, to, at) -> lossRate > 0 && new SplittableRandom(lossSeed ^ message.messageId().hashCode() ^ to.hashCode()).nextDouble() < lossRate);
        runs.holding((message, to, at) -> holdRate > 0 && new SplittableRandom(~lossSeed ^ message.messageId().hashCode() ^ to.hashCode()).nextDouble() < holdRate);
        if (badNetwork && random.nextInt(4) == 0) {
            runs.deliveringTwice(message -> message.messageId().hashCode() % 97 == 0);
        }
        return runs.run(seconds);
    }

    /** The run with {@code edits} random edits of its logs and end state. */
    static RunData damaged(RunData run, long seed, int edits) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, List<Event>> logs = new LinkedHashMap<>();
        run.eventsByVm().forEach((vm, events) -> logs.put(vm, new ArrayList<>(events)));
        List<String> vms = List.copyOf(logs.keySet());
        for (int k = 0; k < edits; k++) {
            List<Event> log = logs.get(vms.get(random.nextInt(vms.size())));
            if (log.size() < 3) {
                continue;
            }
            int i = random.nextInt(log.size());
            Event e = log.get(i);
            switch (random.nextInt(12)) {
                case 0 -> log.set(i, with(e, e.seq(), e.vm(), e.logicalClock() + random.nextInt(-3, 4), e.to(), e.messageId(), e.from(), e.messageClock()));
                case 1 -> log.remove(i);
                case 2 -> { // a second RECEIVE of some message, at the end
                    Event receive = firstOf(log, EventType.RECEIVE, random);
                    if (receive != null) {
                        Event tail = log.get(log.size() - 1);
                        log.add(new Event(tail.seq() + 1, tail.vm(), EventType.RECEIVE, tail.systemTime(), tail.logicalClock() + 1, 0, null,
                                receive.messageId(), receive.from(), receive.messageClock()));
                    }
                }
                case 3 -> { // a SEND reusing another SEND's id
                    Event other = firstOf(logs.get(vms.get(random.nextInt(vms.size()))), EventType.SEND, random);
                    if (e.type() == EventType.SEND && other != null) {
                        log.set(i, with(e, e.seq(), e.vm(), e.logicalClock(), e.to(), other.messageId(), null, null));
                    }
                }
                case 4 -> {
                    if (e.type() == EventType.RECEIVE) {
                        log.set(i, with(e, e.seq(), e.vm(), e.logicalClock(), null, e.messageId(), random.nextBoolean() ? "vm9" : null,
                                random.nextBoolean() ? null : e.messageClock() + 1));
                    }
                }
                case 5 -> log.set(i, with(e, e.seq(), "vm" + (1 + random.nextInt(vms.size() + 1)), e.logicalClock(), e.to(), e.messageId(), e.from(), e.messageClock()));
                case 6 -> {
                    if (e.type() == EventType.SEND) {
                        List<String> to = new ArrayList<>(e.to());
                        switch (random.nextInt(4)) {
                            case 0 -> to.add(to.get(0)); // a recipient named twice
                            case 1 -> to.add("vm" + (vms.size() + 1 + random.nextInt(2))); // a VM without a log
                            case 2 -> to.remove(0);
                            default -> to = null;
                        }
                        log.set(i, with(e, e.seq(), e.vm(), e.logicalClock(), to, e.messageId(), null, null));
                    }
                }
                case 7 -> { // a burst: the next events squeezed into milliseconds
                    for (int j = i + 1; j < Math.min(log.size(), i + 15); j++) {
                        Event b = log.get(j);
                        log.set(j, new Event(b.seq(), b.vm(), b.type(), e.systemTime().plusMillis(j - i), b.logicalClock(), b.queueLength(),
                                b.to(), b.messageId(), b.from(), b.messageClock()));
                    }
                }
                case 8 -> log.set(i, with(e, e.seq() + random.nextInt(1, 3), e.vm(), e.logicalClock(), e.to(), e.messageId(), e.from(), e.messageClock()));
                case 9 -> { // a RECEIVE filed twice (the same seq)
                    if (e.type() == EventType.RECEIVE) {
                        log.add(i, e);
                    }
                }
                case 10 -> { // the last event's queue length changed
                    Event tail = log.get(log.size() - 1);
                    log.set(log.size() - 1, new Event(tail.seq(), tail.vm(), tail.type(), tail.systemTime(), tail.logicalClock(),
                            Math.max(0, tail.queueLength() + random.nextInt(-3, 4)), tail.to(), tail.messageId(), tail.from(), tail.messageClock()));
                }
                default -> { // a RECEIVE of a message never sent
                    Event tail = log.get(log.size() - 1);
                    log.add(new Event(tail.seq() + 1, tail.vm(), EventType.RECEIVE, tail.systemTime(), tail.logicalClock() + 5, 0, null,
                            "ghost-" + random.nextInt(5), "vm1", tail.logicalClock() + 4));
                }
            }
        }
        EndState endState = run.endState() == null ? null : damaged(run.endState(), random, edits);
        return new RunData(run.runId(), run.clockRates(), run.randomRange(), run.finished(), logs, run.outages(), endState);
    }

    private static EndState damaged(EndState end, SplittableRandom random, int edits) {
        Map<String, List<String>> queued = new LinkedHashMap<>();
        end.queued().forEach((vm, ids) -> queued.put(vm, new ArrayList<>(ids)));
        Map<String, Map<String, SentRange>> unconfirmed = new LinkedHashMap<>();
        end.unconfirmed().forEach((sender, byRecipient) -> unconfirmed.put(sender, new LinkedHashMap<>(byRecipient)));
        for (int k = 0; k < Math.max(1, edits / 4); k++) {
            List<String> vms = List.copyOf(queued.keySet());
            if (vms.isEmpty()) {
                break;
            }
            List<String> queue = queued.get(vms.get(random.nextInt(vms.size())));
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (!queue.isEmpty()) {
                        queue.remove(random.nextInt(queue.size()));
                    }
                }
                case 1 -> {
                    if (!queue.isEmpty()) {
                        queue.add(queue.get(random.nextInt(queue.size())));
                    }
                }
                case 2 -> queue.add("vm9-" + random.nextInt(10));
                case 3 -> queue.add(0, "vm1-" + (1 + random.nextInt(50)));
                default -> { // vm2 claims it had not had one more message confirmed by vm1
                    long seq = 1 + random.nextInt(200);
                    unconfirmed.computeIfAbsent("vm2", s -> new LinkedHashMap<>()).merge("vm1", new SentRange(seq - 1, seq),
                            (had, more) -> had.isEmpty() ? more : new SentRange(Math.min(had.after(), more.after()), Math.max(had.upTo(), more.upTo())));
                }
            }
        }
        return new EndState(queued, unconfirmed);
    }

    private static Event firstOf(List<Event> log, EventType type, SplittableRandom random) {
        List<Event> of = log.stream().filter(e -> e.type() == type && e.messageId() != null).toList();
        return of.isEmpty() ? null : of.get(random.nextInt(of.size()));
    }

    private static Event with(Event e, long seq, String vm, long clock, List<String> to, String messageId, String from, Long messageClock) {
        return new Event(seq, vm, e.type(), e.systemTime(), clock, e.queueLength(), e.type() == EventType.SEND ? to : null, messageId,
                e.type() == EventType.RECEIVE ? from : null, e.type() == EventType.RECEIVE ? messageClock : null);
    }
}
