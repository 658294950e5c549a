package io.clocklab.core.model;

import java.util.List;

/**
 * What one tick did.
 *
 * @param event         the event to log
 * @param previousClock the clock before the tick, so a RECEIVE's jump is {@code event.logicalClock() - previousClock}
 * @param outbound      SEND only: the message to deliver to {@code event.to()}; otherwise null
 */
public record TickOutcome(Event event, long previousClock, Message outbound) {

    public long jump() {
        return LamportClock.jump(previousClock, event);
    }

    public List<String> recipients() {
        return outbound == null ? List.of() : event.to();
    }
}
