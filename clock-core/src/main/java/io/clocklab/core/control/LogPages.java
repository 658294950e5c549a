package io.clocklab.core.control;

/**
 * The pages of a VM's log over HTTP ({@code GET /log} and {@code GET /internal/runs/{runId}/log}):
 * the VM serves at most {@link #MAX_LIMIT} events a page, and the coordinator asks for that many.
 */
public final class LogPages {

    /** Events a page gives when the request names no {@code limit}. */
    public static final int DEFAULT_LIMIT = 1000;
    /** The most events one page may give. */
    public static final int MAX_LIMIT = 10_000;

    private LogPages() {
    }
}
