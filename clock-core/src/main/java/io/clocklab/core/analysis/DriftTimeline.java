package io.clocklab.core.analysis;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.MeasuredRate;
import io.clocklab.core.run.RunEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The VMs' logs merged into one timeline by systemTime, streamed: each VM's log is read with its own
 * cursor (in seq order) and the merge always takes the VM whose next event is earliest, the first in
 * VM order on a tie. Only one event per VM is held, whatever the run's length.
 * <p>
 * Each VM's gap behind the cluster's leading clock is sampled at every instant at which any VM logged
 * an event (after all events of that instant). A VM's clock at t is the value after its latest event
 * at or before t, 0 before its first event; the gap is {@code max over VMs - this VM's clock}.
 * <p>
 * A log is in seq order, which is time order unless the VM's wall clock stepped back. A step back is
 * taken at its place in the log: an event is merged only after the VM's earlier events (a VM's clock
 * never runs backwards in the timeline), as soon as its time is the earliest of the VMs' next events.
 * Its sample carries its own time, so a gap series steps back in time there too. With wall clocks
 * that never step back this is exactly a stable sort of all events by time (VM order, then seq order,
 * among equal times).
 */
final class DriftTimeline {

    /** What the merge reports, in timeline order. */
    interface Listener {

        /** The next event of the merged timeline; {@code vm} is its VM's index in the VM order. */
        void event(int vm, Event event);

        /**
         * All events at {@code at} have been seen (the next event, if any, is at another instant).
         *
         * @param clocks each VM's clock after its latest event so far (0 before its first), by VM index;
         *               read it now, it changes
         */
        void instant(Instant at, long[] clocks);
    }

    private DriftTimeline() {
    }

    /**
     * Streams the merged timeline of {@code vms} (a VM without a log has clock 0 throughout) to
     * {@code listener}: {@link Listener#event} for each event, {@link Listener#instant} after the last
     * event of each instant.
     */
    static void merge(List<String> vms, RunEvents events, Listener listener) {
        int n = vms.size();
        EventCursor[] cursors = new EventCursor[n];
        Event[] heads = new Event[n];
        long[] clocks = new long[n];
        try {
            for (int v = 0; v < n; v++) {
                cursors[v] = events.open(vms.get(v));
                heads[v] = cursors[v].next();
            }
            int next = earliest(heads);
            while (next >= 0) {
                Event event = heads[next];
                heads[next] = cursors[next].next();
                clocks[next] = event.logicalClock();
                listener.event(next, event);
                int after = earliest(heads);
                if (after < 0 || !heads[after].systemTime().equals(event.systemTime())) {
                    listener.instant(event.systemTime(), clocks);
                }
                next = after;
            }
        } finally {
            for (EventCursor cursor : cursors) {
                if (cursor != null) {
                    cursor.close();
                }
            }
        }
    }

    /** The VM whose next event is earliest, the first on a tie; -1 when every log is done. A run has few VMs: a scan. */
    private static int earliest(Event[] heads) {
        int best = -1;
        for (int v = 0; v < heads.length; v++) {
            if (heads[v] != null && (best < 0 || heads[v].systemTime().isBefore(heads[best].systemTime()))) {
                best = v;
            }
        }
        return best;
    }

    /** The leading clock: the largest; a VM's gap is this less its own clock. */
    static long leading(long[] clocks) {
        long leading = Long.MIN_VALUE;
        for (long clock : clocks) {
            leading = Math.max(leading, clock);
        }
        return leading;
    }

    /**
     * Every sample in memory, per VM (in the order of {@code vms}), as (seconds since {@code start},
     * gap): for small runs and tests. The analysis streams them ({@link #merge}).
     */
    static List<List<Point>> samples(List<String> vms, RunEvents events, Instant start) {
        List<List<Point>> samples = new ArrayList<>();
        vms.forEach(vm -> samples.add(new ArrayList<>()));
        merge(vms, events, new Listener() {
            @Override
            public void event(int vm, Event event) {
            }

            @Override
            public void instant(Instant at, long[] clocks) {
                long leading = leading(clocks);
                double seconds = MeasuredRate.seconds(Duration.between(start, at));
                for (int v = 0; v < clocks.length; v++) {
                    samples.get(v).add(new Point(seconds, leading - clocks[v]));
                }
            }
        });
        return samples;
    }
}
