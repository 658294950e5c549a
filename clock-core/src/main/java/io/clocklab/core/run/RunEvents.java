package io.clocklab.core.run;

import io.clocklab.core.model.Event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Each VM's log of one run, readable in seq order as often as needed, without holding the run in
 * memory: the checker, the delivery accounting and the analysis stream it ({@link EventCursor}).
 * A run on disk is read from its files ({@link io.clocklab.core.log.EventLogFiles#open}); a run in
 * memory (tests, small simulations) is wrapped with {@link #of(Map)}.
 */
public interface RunEvents {

    /** The VMs that have a log (possibly empty), in the run's order. */
    List<String> vms();

    /** One VM's events in seq order; no events for a VM not in {@link #vms()}. */
    EventCursor open(String vm);

    /** How many events this VM logged, without reading them all where the source knows. */
    default long count(String vm) {
        long count = 0;
        try (EventCursor cursor = open(vm)) {
            while (cursor.next() != null) {
                count++;
            }
        }
        return count;
    }

    default long count() {
        long total = 0;
        for (String vm : vms()) {
            total += count(vm);
        }
        return total;
    }

    /** Calls {@code action} with each of this VM's events in seq order. */
    default void forEach(String vm, Consumer<? super Event> action) {
        try (EventCursor cursor = open(vm)) {
            for (Event event = cursor.next(); event != null; event = cursor.next()) {
                action.accept(event);
            }
        }
    }

    /**
     * Every event in memory, by VM in {@link #vms()} order. Only for small runs and tests: a long
     * run does not fit the coordinator's heap this way.
     */
    default Map<String, List<Event>> toMap() {
        Map<String, List<Event>> all = new LinkedHashMap<>();
        for (String vm : vms()) {
            List<Event> events = new ArrayList<>();
            forEach(vm, events::add);
            all.put(vm, List.copyOf(events));
        }
        return Collections.unmodifiableMap(all);
    }

    /** The same logs with these VMs first (those that have a log or not), then the others in their order. */
    default RunEvents inOrder(List<String> first) {
        RunEvents source = this;
        LinkedHashSet<String> order = new LinkedHashSet<>(first);
        order.addAll(source.vms());
        return over(List.copyOf(order), source::open, source::count);
    }

    /**
     * The same logs cut at one instant: each VM's cursor ends before its first event after
     * {@code cut}. Logs copied from several machines one after the other are made consistent this
     * way (every RECEIVE up to the cut has its SEND, which came before it); counts are streamed. No
     * cursor reads past the {@link #count(String)} its source gave, so lines appended to a file since
     * it was opened (perhaps half written) are never read.
     */
    default RunEvents until(java.time.Instant cut) {
        RunEvents source = this;
        return new RunEvents() {
            @Override
            public List<String> vms() {
                return source.vms();
            }

            @Override
            public EventCursor open(String vm) {
                EventCursor cursor = source.open(vm);
                long limit = source.count(vm);
                return new EventCursor() {
                    private boolean done;
                    private long read;

                    @Override
                    public Event next() {
                        if (done) {
                            return null;
                        }
                        Event event = read < limit ? cursor.next() : null;
                        read++;
                        if (event == null || event.systemTime().isAfter(cut)) {
                            done = true;
                            return null;
                        }
                        return event;
                    }

                    @Override
                    public void close() {
                        cursor.close();
                    }
                };
            }
        };
    }

    /** Logs that {@code open} reads each time they are read (from files, or from what an import holds), VMs in this order. */
    static RunEvents over(List<String> vms, java.util.function.Function<String, EventCursor> open) {
        return over(vms, open, null);
    }

    /**
     * {@link #over(List, java.util.function.Function)} whose events are counted by {@code count} (held
     * counts, instead of reading every event); null counts by reading.
     */
    static RunEvents over(List<String> vms, java.util.function.Function<String, EventCursor> open,
                          java.util.function.ToLongFunction<String> count) {
        List<String> order = List.copyOf(vms);
        return new RunEvents() {
            @Override
            public List<String> vms() {
                return order;
            }

            @Override
            public EventCursor open(String vm) {
                return open.apply(vm);
            }

            @Override
            public long count(String vm) {
                return count == null ? RunEvents.super.count(vm) : count.applyAsLong(vm);
            }
        };
    }

    /** These logs, kept in memory as given (each in seq order), VMs in the map's order. */
    static RunEvents of(Map<String, List<Event>> eventsByVm) {
        Map<String, List<Event>> copy = new LinkedHashMap<>();
        eventsByVm.forEach((vm, events) -> copy.put(vm, List.copyOf(events)));
        Map<String, List<Event>> logs = Collections.unmodifiableMap(copy);
        List<String> vms = List.copyOf(logs.keySet());
        return new RunEvents() {
            @Override
            public List<String> vms() {
                return vms;
            }

            @Override
            public EventCursor open(String vm) {
                var events = logs.getOrDefault(vm, List.of()).iterator();
                return new EventCursor() {
                    @Override
                    public Event next() {
                        return events.hasNext() ? events.next() : null;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public long count(String vm) {
                return logs.getOrDefault(vm, List.of()).size();
            }

            @Override
            public Map<String, List<Event>> toMap() {
                return logs;
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof RunEvents events && logs.equals(events.toMap());
            }

            @Override
            public int hashCode() {
                return logs.hashCode();
            }

            @Override
            public String toString() {
                return "RunEvents" + logs;
            }
        };
    }
}
