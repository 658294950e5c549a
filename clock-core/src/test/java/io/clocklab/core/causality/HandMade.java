package io.clocklab.core.causality;

import io.clocklab.core.model.Message;

import java.time.Instant;

/** Hand-made histories' times and messages. */
final class HandMade {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private HandMade() {
    }

    static Instant at(double seconds) {
        return T0.plusNanos((long) (seconds * 1e9));
    }

    /** The message {@code id} from {@code vm}, carrying {@code clock}. */
    static Message from(String vm, String id, long clock) {
        return new Message("hand", vm, id, clock);
    }
}
