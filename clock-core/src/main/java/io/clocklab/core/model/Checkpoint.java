package io.clocklab.core.model;


/**
 * Where a machine left off in its run, so that it can go on from there after a restart.
 *
 * @param seq   the seq of its last event (0 before the first)
 * @param clock its clock after that event
 * @param rolls how many rolls it has drawn: one per SEND or INTERNAL event
 * @param stamp its vector or hybrid time after that event, in a run with such a clock; else null
 */
public record Checkpoint(long seq, long clock, long rolls, Stamp stamp) {

    public static final Checkpoint START = new Checkpoint(0, 0, 0);

    /** Where a Lamport run's machine left off. */
    public Checkpoint(long seq, long clock, long rolls) {
        this(seq, clock, rolls, null);
    }

    public Checkpoint {
        if (seq < 0 || clock < 0 || rolls < 0 || rolls > seq) {
            throw new IllegalArgumentException("need seq, clock, rolls >= 0 and rolls <= seq, got " + seq + ", " + clock + ", " + rolls);
        }
    }
}
