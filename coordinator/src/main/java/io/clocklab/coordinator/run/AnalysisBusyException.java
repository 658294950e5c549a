package io.clocklab.coordinator.run;

/** Another run is being analysed and this one's turn did not come soon enough: ask again shortly (503). */
public class AnalysisBusyException extends RuntimeException {

    /** How long the caller is told to wait before asking again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public AnalysisBusyException(String runId) {
        super("another analysis is under way (a long run takes a minute or so); the analysis of run " + runId
                + " waits its turn: try again in a few seconds");
    }
}
