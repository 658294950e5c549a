package io.clocklab.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** How a run hands out clock rates: fixed ones as asked, the rest drawn uniformly from [min, max]. */
public final class RateAssignment {

    /** Bounds of a clock rate, in ticks per second. */
    public static final int MIN_RATE = 1;
    public static final int MAX_RATE = 10_000;

    private RateAssignment() {
    }

    /**
     * @param machines machine names, in the order the draws are made (so a seed fixes the result)
     * @throws IllegalArgumentException naming every problem with the input
     */
    public static Map<String, Integer> assign(List<String> machines, Map<String, Integer> fixed,
                                              int min, int max, RandomGenerator rng) {
        List<String> problems = problems(machines, fixed, min, max);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (String machine : machines) {
            Integer rate = fixed.get(machine);
            rates.put(machine, rate != null ? rate : rng.nextInt(min, max + 1));
        }
        return rates;
    }

    /** Everything wrong with the input, each as a sentence; empty when it is fine. */
    public static List<String> problems(List<String> machines, Map<String, Integer> fixed, int min, int max) {
        List<String> problems = new ArrayList<>();
        if (min < MIN_RATE) {
            problems.add("clockRateMin must be at least " + MIN_RATE + ", got " + min);
        }
        if (max > MAX_RATE) {
            problems.add("clockRateMax must be at most " + MAX_RATE + ", got " + max);
        }
        if (min > max) {
            problems.add("clockRateMin (" + min + ") must not be greater than clockRateMax (" + max + ")");
        }
        fixed.forEach((machine, rate) -> {
            if (!machines.contains(machine)) {
                problems.add("clockRates names an unknown VM '" + machine + "' (known: " + String.join(", ", machines) + ")");
            } else if (rate == null || rate < MIN_RATE || rate > MAX_RATE) {
                problems.add("clockRates." + machine + " must be between " + MIN_RATE + " and " + MAX_RATE + ", got " + rate);
            }
        });
        return problems;
    }
}
