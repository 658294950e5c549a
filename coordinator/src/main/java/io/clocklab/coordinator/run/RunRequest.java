package io.clocklab.coordinator.run;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.clocklab.coordinator.config.CoordinatorProperties;

import java.util.Map;

/**
 * The body of {@code POST /api/runs}; every field optional.
 *
 * @param clockRates rates fixed per VM; the others are drawn from [clockRateMin, clockRateMax]
 * @param seed       fixes the drawn rates and every VM's rolls; drawn when absent
 * @param clock      {@code lamport} (the default), {@code vector} or {@code hybrid}
 * @param clockSkew  per VM, how far its physical clock is set off: what it reads, logs and gives a hybrid clock
 */
public record RunRequest(Map<String, Integer> clockRates, Integer clockRateMin, Integer clockRateMax,
                         Integer randomRange, Integer durationSeconds, Long seed, String clock, Map<String, Skew> clockSkew) {

    /** One VM's skew as asked: both parts optional (0), checked by {@link ClockSkew#problems}. */
    public record Skew(Long offsetMillis, Double driftPpm) {

        public long offset() {
            return offsetMillis == null ? 0 : offsetMillis;
        }

        public double drift() {
            return driftPpm == null ? 0 : driftPpm;
        }
    }

    /** A Lamport run without skew. */
    public RunRequest(Map<String, Integer> clockRates, Integer clockRateMin, Integer clockRateMax,
                      Integer randomRange, Integer durationSeconds, Long seed) {
        this(clockRates, clockRateMin, clockRateMax, randomRange, durationSeconds, seed, null, null);
    }

    public static RunRequest defaults() {
        return new RunRequest(null, null, null, null, null, null);
    }

    /** Everything wrong with {@code clock} and {@code clockSkew} for a cluster of these VMs. */
    public List<String> clockProblems(List<String> names) {
        List<String> problems = new ArrayList<>();
        if (clock != null) {
            try {
                ClockKind.of(clock);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (clockSkew != null) {
            clockSkew.forEach((vm, skew) -> {
                if (!names.contains(vm)) {
                    problems.add("clockSkew names " + vm + ", which is not in the cluster (" + String.join(", ", names) + ")");
                } else if (skew == null) {
                    problems.add("clockSkew." + vm + " must be an object {offsetMillis, driftPpm}");
                } else {
                    ClockSkew.problems(skew.offset(), skew.drift()).forEach(problem -> problems.add("clockSkew." + vm + "." + problem));
                }
            });
        }
        return problems;
    }

    /** The clock algorithm asked for; call after {@link #clockProblems} found none. */
    public ClockKind clockKind() {
        return clock == null ? ClockKind.DEFAULT : ClockKind.of(clock);
    }

    /** The skews asked for, as values; call after {@link #clockProblems} found none. */
    public Map<String, ClockSkew> skews() {
        Map<String, ClockSkew> skews = new TreeMap<>();
        if (clockSkew != null) {
            clockSkew.forEach((vm, skew) -> skews.put(vm, new ClockSkew(skew.offset(), skew.drift())));
        }
        return skews;
    }

    /** The same request with the coordinator's defaults in place of the rate bounds and roll range it leaves out. */
    public RunRequest withDefaults(CoordinatorProperties defaults) {
        return new RunRequest(clockRates,
                clockRateMin != null ? clockRateMin : defaults.clockRateMin(),
                clockRateMax != null ? clockRateMax : defaults.clockRateMax(),
                randomRange != null ? randomRange : defaults.randomRange(),
                durationSeconds, seed, clock, clockSkew);
    }

    public Map<String, Integer> fixedRates() {
        return clockRates == null ? Map.of() : clockRates;
    }
}
