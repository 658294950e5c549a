package io.clocklab.report;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;

import io.clocklab.core.run.RunMode;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * @param clock           the clock algorithm
 * @param clockSkew       per VM, how far its physical clock was set off; empty when none was
 * @param notes           what the reader of the logs says about them (a ShiViz log's synthetic times, rebuilt messages); shown as given
 */
public record RunView(String id, String state, RunMode mode, Map<String, Integer> clockRates, int randomRange,
                      Long seed, Integer durationSeconds, Instant startedAt, Instant endedAt,
                      String experimentId, String experimentName, ClockKind clock, Map<String, ClockSkew> clockSkew,
                      List<String> notes) {

    public RunView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        clockRates = Collections.unmodifiableMap(new LinkedHashMap<>(clockRates));
        clock = clock == null ? ClockKind.DEFAULT : clock;
        clockSkew = clockSkew == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(clockSkew));
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A run read without notes. */
    public RunView(String id, String state, RunMode mode, Map<String, Integer> clockRates, int randomRange,
                   Long seed, Integer durationSeconds, Instant startedAt, Instant endedAt,
                   String experimentId, String experimentName, ClockKind clock, Map<String, ClockSkew> clockSkew) {
        this(id, state, mode, clockRates, randomRange, seed, durationSeconds, startedAt, endedAt, experimentId, experimentName,
                clock, clockSkew, List.of());
    }

    /** A Lamport run without skew. */
    public RunView(String id, String state, RunMode mode, Map<String, Integer> clockRates, int randomRange,
                   Long seed, Integer durationSeconds, Instant startedAt, Instant endedAt,
                   String experimentId, String experimentName) {
        this(id, state, mode, clockRates, randomRange, seed, durationSeconds, startedAt, endedAt, experimentId, experimentName,
                ClockKind.DEFAULT, Map.of(), List.of());
    }

    /** The skews in words: {@code vm3 +150 ms, +2000 ppm; ...}; empty when there are none. */
    public String skewText() {
        StringBuilder text = new StringBuilder();
        clockSkew.forEach((vm, skew) -> {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(vm).append(' ').append(skew.offsetMillis() >= 0 ? "+" : "").append(skew.offsetMillis()).append(" ms, ")
                    .append(skew.driftPpm() >= 0 ? "+" : "")
                    .append(skew.driftPpm() == Math.rint(skew.driftPpm()) ? String.valueOf((long) skew.driftPpm()) : String.valueOf(skew.driftPpm()))
                    .append(" ppm");
        });
        return text.toString();
    }
}
