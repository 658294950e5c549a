package io.clocklab.core.causality;

/**
 * A run's happens-before was not derived: more messages were in flight at once than the derivation
 * may hold ({@link CausalOrder#MAX_IN_FLIGHT}).
 */
public class CausalityLimitException extends RuntimeException {

    /** The same failure again, for a caller that asks after it was found (a stack trace of its own, the same message). */
    public CausalityLimitException(CausalityLimitException first) {
        super(first.getMessage(), first);
    }

    public CausalityLimitException(int maxInFlight) {
        super(String.format(java.util.Locale.ROOT, "happens-before not derived: more than %,d messages were sent and not yet received"
                + " at one point of the run (a VM far behind its peers keeps a growing backlog), more than the derivation holds", maxInFlight));
    }
}
