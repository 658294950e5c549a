package io.clocklab.core.run;

import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of a run during which one VM was down (crashed, restarted, paused, cut off), as the
 * coordinator saw it. The checker and the delivery accounting use outages so that they give no
 * false verdict because of one; the report shades them.
 *
 * @param vm    the VM that was down
 * @param from  when it went down, as far as the coordinator can tell
 * @param to    when it was back in the run; null: it was still down when the run ended
 * @param cause free text, e.g. "restarted", "unreachable"; may be null
 */
public record Outage(String vm, Instant from, Instant to, String cause) {

    public Outage {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("outage of " + vm + " ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** True when the VM was still down when the run ended. */
    public boolean untilTheEnd() {
        return to == null;
    }

    /** True when the outage and the closed interval {@code [start, end]} share an instant. */
    public boolean overlaps(Instant start, Instant end) {
        return !from.isAfter(end) && (to == null || !to.isBefore(start));
    }
}
