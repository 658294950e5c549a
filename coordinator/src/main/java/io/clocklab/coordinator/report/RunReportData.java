package io.clocklab.coordinator.report;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.model.Event;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a static run report is made from.
 *
 * @param eventsByVm each VM's log in seq order (for the space-time diagram); empty for none
 * @param logFiles   files to put in logs.zip, entry name → file; empty for no logs.zip
 */
public record RunReportData(RunView run, RunAnalysis analysis, Map<String, List<Event>> eventsByVm, Map<String, Path> logFiles) {

    public RunReportData {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(analysis, "analysis");
        eventsByVm = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByVm));
        logFiles = Collections.unmodifiableMap(new LinkedHashMap<>(logFiles));
    }
}
