package io.clocklab.core.check;

import io.clocklab.core.model.Event;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.util.List;
import java.util.Map;

/**
 * Checks a run's events against every {@link Rule}. Give it each VM's complete log of the run, in
 * seq order. The same input gives the same verdict.
 * <p>
 * The run is streamed, never held: memory is bounded by {@link AnalysisLimits} whatever the run's
 * length ({@link RunJoin} says how; a long run spills sorted records to temporary files, deleted
 * when done). Every violation is counted; the report lists the first {@code shownPerList} of them,
 * in the run's order (by VM, then seq).
 */
public final class RunChecker {

    private RunChecker() {
    }

    /** {@link #check(RunData, AnalysisLimits)} with {@link AnalysisLimits#DEFAULT}. */
    public static CheckReport check(RunData run) {
        return check(run, AnalysisLimits.DEFAULT);
    }

    /**
     * Every rule: the event rules of {@link #check(Map)}, {@link Rule#CONSERVATION} once the run has
     * finished (exact when the run's end state is known, by counting otherwise), and
     * {@link Rule#RATE_LIMIT} for each VM whose rate is known. The run's outages are taken into
     * account: a VM down until the end loses nothing, and no window across an outage is a burst.
     *
     * @throws java.io.UncheckedIOException when a log cannot be read (a bad line) or a temporary file cannot be written
     */
    public static CheckReport check(RunData run, AnalysisLimits limits) {
        return RunJoin.check(run, limits);
    }

    /**
     * The rules each VM's log can be checked for alone, for logs that name no messages (the exercise's
     * text logs): SEQ_CONTIGUOUS, CLOCK_INCREASES, UPDATE_RULE, and RATE_LIMIT for each VM whose rate
     * is known. The rules that need message ids ({@link RunJoin#MESSAGE_RULES}) are reported as
     * {@link CheckReport#notCheckable()}, never as kept.
     *
     * @throws java.io.UncheckedIOException when a log cannot be read
     */
    public static CheckReport checkPerVm(RunData run, AnalysisLimits limits) {
        return RunJoin.checkPerVm(run, limits);
    }

    /**
     * Every rule and the run's delivery books ({@link io.clocklab.core.check.DeliveryAccounting}) in one
     * pass over the run: the same as calling both, in about half the time.
     */
    public static RunJoin.Outcome checkAndAccount(RunData run, AnalysisLimits limits) {
        return RunJoin.checkAndAccount(run, limits);
    }

    /**
     * The rules that need only the events: all but {@link Rule#CONSERVATION} (which needs to know the
     * run has finished) and {@link Rule#RATE_LIMIT} (which needs the rates). For logs in memory.
     */
    public static CheckReport check(Map<String, List<Event>> eventsByVm) {
        return check(RunEvents.of(eventsByVm), AnalysisLimits.DEFAULT);
    }

    /** The same, streaming the logs. */
    public static CheckReport check(RunEvents events, AnalysisLimits limits) {
        return RunJoin.checkEvents(events, limits);
    }
}
