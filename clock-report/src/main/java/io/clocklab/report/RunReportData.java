package io.clocklab.report;

import io.clocklab.core.analysis.HybridReport;
import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.causality.CausalityReport;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunEvents;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a static run report is made from.
 *
 * @param events    each VM's log, streamed for the space-time diagram's first window; no VMs for none
 * @param logFiles  files to put in logs.zip, entry name → file; empty for no logs.zip
 * @param causality the run's happens-before, or null when it was not derived (no section, no causality.json or shiviz.log)
 * @param hybrid    the run's hybrid clocks against their bounds ({@code HybridAnalyzer}), or null for a run that did not use
 *                  the hybrid clock (no section, no hybrid.json); one not analysed shows its reason
 */
public record RunReportData(RunView run, RunAnalysis analysis, RunEvents events, Map<String, Path> logFiles, CausalityReport causality,
                            HybridReport hybrid) {

    public RunReportData {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(events, "events");
        logFiles = Collections.unmodifiableMap(new LinkedHashMap<>(logFiles));
    }

    /** Without hybrid clocks. */
    public RunReportData(RunView run, RunAnalysis analysis, RunEvents events, Map<String, Path> logFiles, CausalityReport causality) {
        this(run, analysis, events, logFiles, causality, null);
    }

    /** Without happens-before. */
    public RunReportData(RunView run, RunAnalysis analysis, RunEvents events, Map<String, Path> logFiles) {
        this(run, analysis, events, logFiles, null, null);
    }

    /** The events held in memory (small runs, tests), without happens-before. */
    public RunReportData(RunView run, RunAnalysis analysis, Map<String, List<Event>> eventsByVm, Map<String, Path> logFiles) {
        this(run, analysis, RunEvents.of(eventsByVm), logFiles, null, null);
    }
}
