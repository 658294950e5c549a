package io.clocklab.core.sim;

import io.clocklab.core.model.SkewedTime;
import io.clocklab.core.model.Checkpoint;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageQueue;
import io.clocklab.core.model.ModelMachine;
import io.clocklab.core.model.Seeds;
import io.clocklab.core.model.TickOutcome;
import io.clocklab.core.model.TickSchedule;
import io.clocklab.core.run.RunData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs the model in virtual time: a discrete-event scheduler driving the very same
 * {@link ModelMachine}, {@link MessageQueue} and {@link TickSchedule} as a live VM, with no wall
 * clock, no threads and no sleeping, so a run of an hour takes milliseconds and the same spec always
 * gives the same events, byte for byte.
 *
 * <p><b>The model.</b> Each VM of {@link SimulationSpec#clockRates()} gets a machine with the rolls
 * {@code Seeds.rollsFor(seed, vm)} and, as peers, the other VMs in that order (as the coordinator
 * hands them out). VM {@code i} ticks at {@code start + k * 1e9 / rate_i} nanoseconds (integer
 * division, {@link TickSchedule#dueAt}) for {@code k = 0, 1, ...} while before
 * {@code start + duration}: exactly the slots a live VM runs when every tick is on time. A tick is
 * instantaneous; its event's {@code systemTime} is the tick's virtual time truncated to microseconds
 * (by {@link ModelMachine}, as live). Each copy of a SEND reaches its recipient's queue at the send
 * time plus a delay drawn from {@link SimulationSpec#networkDelay()}; copies still on their way at
 * the end of the run are never received, as in a live run.
 *
 * <p><b>Order at equal virtual times</b>, fixed so the result never depends on anything else:
 * <ol>
 *   <li>arrivals before ticks: a message arriving at the very instant its recipient ticks is in the
 *       queue for that tick;</li>
 *   <li>ticks in the VMs' fixed order (the order of {@code clockRates});</li>
 *   <li>arrivals at one VM in the order they were sent (a SEND to every peer sends its copies in peer
 *       order).</li>
 * </ol>
 * So a message sent with zero delay at time {@code t} is received at {@code t} by a VM later in the
 * order, and at its next tick by a VM earlier in the order.
 *
 * <p><b>Randomness.</b> Only two kinds of seeded generator: each machine's rolls, and one network
 * generator, {@code Seeds.forMachine(seed, "#network")} (no VM can be called that), which draws one
 * delay per copy of each message in the order the copies are sent, and none when the delay is fixed.
 */
public final class Simulator {

    /** The network's stream of the run's seed: '#' cannot start a VM name, so it never collides with one. */
    static final String NETWORK_STREAM = "#network";

    private static final int MAX_KEPT_PER_VM = Integer.MAX_VALUE - 8;

    private Simulator() {
    }

    /**
     * Simulates the run and keeps every event.
     *
     * @return the run as analysis and checker take it: finished, each VM's events in seq order,
     * keyed in the order of {@code clockRates}
     * @throws IllegalArgumentException when a VM would log more events than a list can hold
     */
    public static RunData run(SimulationSpec spec) {
        Map<String, List<Event>> eventsByVm = new LinkedHashMap<>();
        for (String vm : spec.vms()) {
            long expected = expectedEvents(spec, vm);
            if (expected > MAX_KEPT_PER_VM) {
                throw new IllegalArgumentException(vm + " would log " + expected + " events, more than a list holds ("
                        + MAX_KEPT_PER_VM + "); shorten the run or use run(spec, sink), which keeps none");
            }
            eventsByVm.put(vm, new ArrayList<>((int) Math.min(expected, 1 << 16)));
        }
        run(spec, event -> eventsByVm.get(event.vm()).add(event));
        return new RunData(spec.runId(), spec.clockRates(), spec.randomRange(), true, eventsByVm).withClockSkew(spec.clockSkew());
    }

    /**
     * Simulates the run and hands each event to {@code sink} as it happens, keeping none, so a run of
     * millions of events needs no more memory than the messages in flight and in the queues.
     * Events come in virtual-time order (ties as in the class comment), so each VM's in seq order.
     *
     * @return how many events there were
     */
    public static long run(SimulationSpec spec, Consumer<? super Event> sink) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(sink, "sink");
        return new Run(spec).run(sink);
    }

    /** How many events {@code vm} logs in the run: one per slot its schedule runs. */
    public static long expectedEvents(SimulationSpec spec, String vm) {
        Integer rate = spec.clockRates().get(vm);
        if (rate == null) {
            throw new IllegalArgumentException("no VM '" + vm + "' in the simulation (VMs: " + String.join(", ", spec.vms()) + ")");
        }
        // slot k runs while floor(k * 1e9 / rate) < end, that is while k < end * rate / 1e9
        return -Math.floorDiv(-spec.duration().toNanos() * rate, 1_000_000_000L);
    }

    /** How many events the whole run logs. */
    public static long expectedEvents(SimulationSpec spec) {
        return spec.vms().stream().mapToLong(vm -> expectedEvents(spec, vm)).sum();
    }

    /** One simulation's state; used once. */
    private static final class Run {

        private final NetworkDelay delay;
        private final RandomGenerator network;
        private final VirtualClock clock;
        private final ModelMachine[] machines;
        private final MessageQueue[] queues;
        private final TickSchedule[] schedules;
        private final Inbox[] inboxes;
        private final long[] slots;
        private final Map<String, Integer> indexOf = new HashMap<>();
        private long sendOrder;

        Run(SimulationSpec spec) {
            List<String> vms = spec.vms();
            int count = vms.size();
            delay = spec.networkDelay();
            network = new SplittableRandom(Seeds.forMachine(spec.seed(), NETWORK_STREAM));
            clock = new VirtualClock(spec.start());
            machines = new ModelMachine[count];
            queues = new MessageQueue[count];
            schedules = new TickSchedule[count];
            inboxes = new Inbox[count];
            slots = new long[count];
            long end = spec.duration().toNanos();
            for (int i = 0; i < count; i++) {
                String vm = vms.get(i);
                List<String> peers = vms.stream().filter(other -> !other.equals(vm)).toList();
                queues[i] = new MessageQueue();
                machines[i] = new ModelMachine(vm, spec.runId(), peers, spec.randomRange(), Seeds.rollsFor(spec.seed(), vm),
                        queues[i], SkewedTime.of(clock, spec.skewOf(vm), spec.start()), Checkpoint.START, spec.clock());
                schedules[i] = new TickSchedule(0, spec.clockRates().get(vm), end);
                inboxes[i] = new Inbox();
                indexOf.put(vm, i);
            }
        }

        long run(Consumer<? super Event> sink) {
            TickAgenda agenda = new TickAgenda(machines.length);
            for (int i = 0; i < machines.length; i++) {
                // TickLoop's first tick when the loop is ready at the start (slot 0), if it runs at all
                TickSchedule.Next first = schedules[i].first(0);
                slots[i] = first.slot();
                if (schedules[i].runs(first.slot())) {
                    agenda.add(i, first.atNanos());
                }
            }
            long events = 0;
            while (!agenda.isEmpty()) {
                int vm = agenda.nextVm();
                long now = agenda.nextDue();
                inboxes[vm].deliverUntil(now, queues[vm]);
                clock.set(now);
                TickOutcome outcome = machines[vm].tick();
                events++;
                sink.accept(outcome.event());
                Message outbound = outcome.outbound();
                if (outbound != null) {
                    for (String to : outcome.recipients()) {
                        inboxes[indexOf.get(to)].add(now + delay.drawNanos(network), sendOrder++, outbound);
                    }
                }
                // an on-time tick that took no virtual time: TickLoop's next tick is the next slot, at its due time
                TickSchedule.Next next = schedules[vm].after(slots[vm], now);
                if (schedules[vm].runs(next.slot())) {
                    slots[vm] = next.slot();
                    agenda.reschedule(next.atNanos());
                } else {
                    agenda.removeNext();
                }
            }
            return events;
        }
    }
}
