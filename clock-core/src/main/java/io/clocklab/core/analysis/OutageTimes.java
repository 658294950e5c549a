package io.clocklab.core.analysis;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a restart's outage where the VM's own log shows it. The coordinator sees a restart only
 * late: from the VM's last heartbeat before it (up to one registration interval early) or, when
 * the coordinator restarted too, from the moment the VM registered again (long after the crash).
 * The VM's log knows better: its last event before the crash and its first event back in the run
 * bound the stretch it was away.
 */
public final class OutageTimes {

    /** Restarts are this far at most from where the coordinator saw them. */
    static final Duration REACH = Duration.ofMinutes(2);

    private OutageTimes() {
    }

    /**
     * @param eventsByVm each VM's log of the run, in seq order
     * @return the outages, each {@code restarted} one moved to the widest gap of its VM's events that
     *         overlaps it (or, for one that lasted until the end, started at the VM's last event)
     */
    public static List<Outage> fromLogs(List<Outage> outages, Map<String, List<Event>> eventsByVm) {
        return fromLogs(outages, RunEvents.of(eventsByVm));
    }

    /** The same, streaming each restarted VM's log once per outage. */
    public static List<Outage> fromLogs(List<Outage> outages, RunEvents events) {
        List<Outage> placed = new ArrayList<>();
        for (Outage outage : outages) {
            if (!"restarted".equals(outage.cause()) || !events.vms().contains(outage.vm())) {
                placed.add(outage);
                continue;
            }
            try (EventCursor cursor = events.open(outage.vm())) {
                placed.add(place(outage, cursor));
            }
        }
        return placed;
    }

    private static Outage place(Outage outage, EventCursor events) {
        Event first = events.next();
        if (first == null) {
            return outage;
        }
        if (outage.to() == null) {
            Event last = first;
            for (Event event = events.next(); event != null; event = events.next()) {
                last = event;
            }
            return last.systemTime().isBefore(outage.from().plus(REACH)) ? new Outage(outage.vm(), last.systemTime(), null, outage.cause()) : outage;
        }
        Instant earliest = outage.from().minus(REACH);
        Event before = null;
        Event after = null;
        Duration widest = Duration.ZERO;
        Event a = first;
        for (Event b = events.next(); b != null; a = b, b = events.next()) {
            boolean overlaps = b.systemTime().isAfter(earliest) && a.systemTime().isBefore(outage.to().plus(REACH))
                    && !b.systemTime().isBefore(outage.from()) && !a.systemTime().isAfter(outage.to());
            Duration gap = Duration.between(a.systemTime(), b.systemTime());
            if (overlaps && gap.compareTo(widest) > 0) {
                widest = gap;
                before = a;
                after = b;
            }
        }
        return before == null ? outage : new Outage(outage.vm(), before.systemTime(), after.systemTime(), outage.cause());
    }
}
