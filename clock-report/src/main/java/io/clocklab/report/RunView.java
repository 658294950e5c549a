package io.clocklab.report;

import io.clocklab.core.run.RunMode;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a run report shows about the run itself, apart from its analysis.
 *
 * @param state           e.g. RUNNING, FINISHED, STOPPED (free text, shown as given)
 * @param clockRates      the rate each VM got, ticks per second, in the VMs' order
 * @param seed            null when unknown
 * @param durationSeconds null when the run had no fixed length
 * @param endedAt         null while running
 * @param experimentId    null when the run is not part of an experiment
 * @param experimentName  shown for the experiment link; null falls back to the id
 */
public record RunView(String id, String state, RunMode mode, Map<String, Integer> clockRates, int randomRange,
                      Long seed, Integer durationSeconds, Instant startedAt, Instant endedAt,
                      String experimentId, String experimentName) {

    public RunView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        clockRates = Collections.unmodifiableMap(new LinkedHashMap<>(clockRates));
    }
}
