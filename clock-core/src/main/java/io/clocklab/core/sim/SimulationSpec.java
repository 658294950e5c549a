package io.clocklab.core.sim;

import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;

import io.clocklab.core.control.Names;
import io.clocklab.core.model.RandomRange;
import io.clocklab.core.model.RateAssignment;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated run: what the coordinator would ask of the VMs, plus the network and the virtual
 * start that a live run takes from the real world.
 *
 * @param clockRates   each VM's ticks per second, in the VMs' fixed order: a VM's peers are the
 *                     others in this order (as the coordinator hands them out), and ties in
 *                     virtual time go to the VM that comes first
 * @param randomRange  rolls are drawn from {@code 1..randomRange}
 * @param seed         fixes every roll ({@code Seeds.rollsFor(seed, vm)}) and every network delay
 * @param duration     ticks run while before {@code start + duration}
 * @param networkDelay how long each message travels
 * @param start        the virtual instant of every VM's first tick
 * @param clock        the clock algorithm (Lamport's clock runs in every run)
 * @param clockSkew    per VM, how far its physical clock is off; a VM not named here has none
 */
public record SimulationSpec(String runId, Map<String, Integer> clockRates, int randomRange, long seed,
                             Duration duration, NetworkDelay networkDelay, Instant start, ClockKind clock,
                             Map<String, ClockSkew> clockSkew) {

    /** Keeps tick arithmetic in nanoseconds clear of overflow at the highest rate. */
    public static final Duration LONGEST = Duration.ofDays(30);

    /** The default virtual start: any fixed instant does, this one reads well in logs. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    public static final int DEFAULT_RANDOM_RANGE = 10;

    /** @throws IllegalArgumentException naming every problem with the spec */
    public SimulationSpec {
        List<String> problems = new ArrayList<>();
        if (!Names.isValid(runId)) {
            problems.add("runId must be " + Names.RULE + "; got "
                    + (runId == null ? "nothing" : "'" + runId + "'"));
        }
        if (clockRates == null) {
            problems.add("clockRates must be given");
        } else {
            if (clockRates.size() < 2) {
                problems.add("clockRates must name at least 2 VMs, got " + clockRates.size());
            }
            clockRates.forEach((vm, rate) -> {
                if (!Names.isValid(vm)) {
                    problems.add("clockRates names an invalid VM " + (vm == null ? "null" : "'" + vm + "'")
                            + ": use " + Names.RULE);
                } else if (rate == null || rate < RateAssignment.MIN_RATE || rate > RateAssignment.MAX_RATE) {
                    problems.add("clockRates." + vm + " must be between " + RateAssignment.MIN_RATE + " and "
                            + RateAssignment.MAX_RATE + ", got " + rate);
                }
            });
        }
        if (RandomRange.problem("randomRange", randomRange) != null) {
            problems.add(RandomRange.problem("randomRange", randomRange));
        }
        if (duration == null) {
            problems.add("duration must be given");
        } else if (duration.isNegative() || duration.isZero()) {
            problems.add("duration must be positive, got " + duration);
        } else if (duration.compareTo(LONGEST) > 0) {
            problems.add("duration must be at most " + LONGEST + ", got " + duration);
        }
        if (networkDelay == null) {
            problems.add("networkDelay must be given");
        }
        if (start == null) {
            problems.add("start must be given");
        } else if (duration != null && networkDelay != null) {
            try {
                start.plus(duration).plus(networkDelay.max());
            } catch (DateTimeException | ArithmeticException e) {
                problems.add("start " + start + " is too close to the end of time for a run of " + duration);
            }
        }
        if (clock == null) {
            problems.add("clock must be one of " + ClockKind.labels());
        }
        if (clockSkew == null) {
            clockSkew = Map.of();
        }
        Map<String, Integer> rates = clockRates;
        clockSkew.forEach((vm, skew) -> {
            if (rates == null || !rates.containsKey(vm)) {
                problems.add("clockSkew names " + vm + ", which is not one of the VMs");
            } else if (skew == null) {
                problems.add("clockSkew." + vm + " must be given");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid simulation: " + String.join("; ", problems));
        }
        clockSkew = Collections.unmodifiableMap(new LinkedHashMap<>(clockSkew));
        // The order is the model's peer order, so keep it, whatever map was passed in.
        clockRates = Collections.unmodifiableMap(new LinkedHashMap<>(clockRates));
    }

    /** A Lamport run without clock skew. */
    public SimulationSpec(String runId, Map<String, Integer> clockRates, int randomRange, long seed,
                          Duration duration, NetworkDelay networkDelay, Instant start) {
        this(runId, clockRates, randomRange, seed, duration, networkDelay, start, ClockKind.LAMPORT, Map.of());
    }

    /** A run with the default network delay, random range and start. */
    public static SimulationSpec of(String runId, Map<String, Integer> clockRates, long seed, Duration duration) {
        return new SimulationSpec(runId, clockRates, DEFAULT_RANDOM_RANGE, seed, duration, NetworkDelay.DEFAULT, DEFAULT_START);
    }

    public List<String> vms() {
        return List.copyOf(clockRates.keySet());
    }

    public SimulationSpec withRunId(String runId) {
        return new SimulationSpec(runId, clockRates, randomRange, seed, duration, networkDelay, start, clock, clockSkew);
    }

    public SimulationSpec withRandomRange(int randomRange) {
        return new SimulationSpec(runId, clockRates, randomRange, seed, duration, networkDelay, start, clock, clockSkew);
    }

    public SimulationSpec withSeed(long seed) {
        return new SimulationSpec(runId, clockRates, randomRange, seed, duration, networkDelay, start, clock, clockSkew);
    }

    public SimulationSpec withDuration(Duration duration) {
        return new SimulationSpec(runId, clockRates, randomRange, seed, duration, networkDelay, start, clock, clockSkew);
    }

    public SimulationSpec withNetworkDelay(NetworkDelay networkDelay) {
        return new SimulationSpec(runId, clockRates, randomRange, seed, duration, networkDelay, start, clock, clockSkew);
    }

    public SimulationSpec withStart(Instant start) {
        return new SimulationSpec(runId, clockRates, randomRange, seed, duration, networkDelay, start, clock, clockSkew);
    }

    public SimulationSpec withClock(ClockKind clock) {
        return new SimulationSpec(runId, clockRates, randomRange, seed, duration, networkDelay, start, clock, clockSkew);
    }

    public SimulationSpec withClockSkew(Map<String, ClockSkew> clockSkew) {
        return new SimulationSpec(runId, clockRates, randomRange, seed, duration, networkDelay, start, clock, clockSkew);
    }

    /** A VM's skew, {@link ClockSkew#NONE} when it has none. */
    public ClockSkew skewOf(String vm) {
        return clockSkew.getOrDefault(vm, ClockSkew.NONE);
    }

    /** The end of the run: no tick runs at or after it. */
    public Instant end() {
        return start.plus(duration);
    }
}
