package io.clocklab.core.analysis;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.model.TickOutcome;
import io.clocklab.core.model.TickSchedule;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Honest runs on virtual time for tests: real {@link ModelMachine}s, each ticking on its own
 * {@link TickSchedule}, messages queued at the instant they are sent. Optionally each tick is late
 * by a seeded random part of its period (the jitter a live VM may show), and a network that loses
 * or doubles chosen messages.
 */
public final class VirtualRuns {

    public static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    private final Map<String, Integer> rates;
    private final int randomRange;
    private final long seed;
    private boolean jitter;
    private Loss lose = (message, to, at) -> false;
    private Predicate<Message> deliverTwice = message -> false;

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

    public VirtualRuns deliveringTwice(Predicate<Message> deliverTwice) {
        this.deliverTwice = deliverTwice;
        return this;
    }

    /** Runs for {@code seconds} of virtual time; the result counts as finished. */
    public RunData run(double seconds) {
        List<String> names = List.copyOf(rates.keySet());
        long end = (long) (seconds * 1e9);
        long[] now = {0};
        InstantSource time = () -> START.plusNanos(now[0]);
        SplittableRandom lateness = new SplittableRandom(seed ^ 0x5eed);
        Map<String, MessageQueue> queues = new LinkedHashMap<>();
        Map<String, ModelMachine> machines = new LinkedHashMap<>();
        Map<String, List<Event>> events = new LinkedHashMap<>();
        record Tick(long at, int vm, long slot) {
        }
        PriorityQueue<Tick> ticks = new PriorityQueue<>((a, b) -> a.at() != b.at() ? Long.compare(a.at(), b.at()) : Integer.compare(a.vm(), b.vm()));
        List<TickSchedule> schedules = new ArrayList<>();
        for (int v = 0; v < names.size(); v++) {
            String name = names.get(v);
            queues.put(name, new MessageQueue());
            List<String> peers = names.stream().filter(n -> !n.equals(name)).toList();
            machines.put(name, new ModelMachine(name, "virtual", peers, randomRange, Seeds.rollsFor(seed, name), queues.get(name), time));
            events.put(name, new ArrayList<>());
            schedules.add(new TickSchedule(0, rates.get(name), end));
            ticks.add(new Tick(0, v, 0));
        }
        while (!ticks.isEmpty()) {
            Tick tick = ticks.poll();
            TickSchedule schedule = schedules.get(tick.vm());
            long due = schedule.dueAt(tick.slot());
            long period = schedule.dueAt(tick.slot() + 1) - due;
            now[0] = tick.at();
            String name = names.get(tick.vm());
            TickOutcome outcome = machines.get(name).tick();
            events.get(name).add(outcome.event());
            for (String to : outcome.recipients()) {
                if (!lose.loses(outcome.outbound(), to, outcome.event().systemTime())) {
                    queues.get(to).add(outcome.outbound());
                    if (deliverTwice.test(outcome.outbound())) {
                        queues.get(to).add(outcome.outbound());
                    }
                }
            }
            long next = tick.slot() + 1;
            if (schedule.runs(next)) {
                long late = jitter ? lateness.nextLong(Math.max(1, period)) : 0;
                ticks.add(new Tick(schedule.dueAt(next) + late, tick.vm(), next));
            }
        }
        return new RunData("virtual", rates, randomRange, true, events);
    }
}
