package io.clocklab.core.analysis;

import io.clocklab.core.model.RandomRange;

import io.clocklab.core.model.Action;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queueing model: how fast each VM's queue should grow, from the clock rates and the roll
 * range alone. A VM spends a tick receiving whenever its queue is not empty, and only an idle tick
 * (empty queue) rolls for a send, so
 * <pre>
 *   arrival_i = sum over j != i of P(j sends to i on an idle tick) * idle_j
 *   idle_j    = rate_j - min(rate_j, arrival_j)      (a backed-up VM sends nothing)
 *   slope_i   = max(0, arrival_i - rate_i)           (messages per second)
 * </pre>
 * {@code P(j -> i)} counts the rolls {@code r} in {@code 1..randomRange} that reach i, as
 * {@link Action} decides them: r equal to i's 1-based index in j's peer list (the clockRates order
 * without j), or {@code r == N} (every peer); divided by randomRange.
 * <p>
 * The arrivals are the fixed point of that system, found by damped iteration from zero arrivals,
 * {@code a <- (a + F(a)) / 2}. F is piecewise linear and only ever lowers arrivals as they rise
 * (more receiving, fewer sends), so the plain iteration can swing; averaging damps the swing. Near
 * the fixed point the error shrinks by {@code |1 - lambda| / 2} per step for each eigenvalue lambda
 * of the matrix {@code P(j -> i)} restricted to VMs that are not backed up: below 1 whenever every
 * VM hears from its peers with total probability {@code sum_j P(j -> i) < 1}, which holds for every
 * randomRange above 2(N-1) (the default 10 for up to 5 VMs gives at most 0.8, so at most 0.9 per step,
 * usually far less) and for the smaller ranges the tests try. It stops when no arrival moves by more
 * than 1e-12 * (1 + largest rate); if that has not happened after 100 000 steps it throws.
 */
public final class QueueModel {

    private static final int MAX_STEPS = 100_000;

    private final List<String> vms;
    private final double[] rates;
    private final double[][] sendProbability;
    private final int randomRange;

    private QueueModel(Map<String, Integer> clockRates, int randomRange) {
        RandomRange.require(randomRange);
        this.randomRange = randomRange;
        this.vms = List.copyOf(clockRates.keySet());
        int n = vms.size();
        this.rates = new double[n];
        for (int i = 0; i < n; i++) {
            Integer rate = clockRates.get(vms.get(i));
            if (rate == null || rate < 0) {
                throw new IllegalArgumentException("clockRates." + vms.get(i) + " must be a rate of at least 0, got " + rate);
            }
            rates[i] = rate;
        }
        this.sendProbability = new double[n][n];
        for (int j = 0; j < n; j++) {
            List<String> peers = new ArrayList<>(vms);
            peers.remove(j);
            for (int roll = 1; roll <= randomRange; roll++) {
                if (Action.forRoll(roll, peers) instanceof Action.Send send) {
                    for (String to : send.to()) {
                        sendProbability[j][vms.indexOf(to)] += 1.0 / randomRange;
                    }
                }
            }
        }
    }

    /** Each VM's predicted queue growth in messages per second (0 for a VM that keeps up), in clockRates order. */
    public static Map<String, Double> predictedGrowth(Map<String, Integer> clockRates, int randomRange) {
        QueueModel model = new QueueModel(clockRates, randomRange);
        double[] arrivals = model.solve();
        double[] growth = new double[arrivals.length];
        for (int i = 0; i < arrivals.length; i++) {
            growth[i] = Math.max(0, arrivals[i] - model.rates[i]);
        }
        return model.byVm(growth);
    }

    /** Each VM's predicted message arrival rate in messages per second, in clockRates order. */
    public static Map<String, Double> arrivalRates(Map<String, Integer> clockRates, int randomRange) {
        QueueModel model = new QueueModel(clockRates, randomRange);
        return model.byVm(model.solve());
    }

    /** P(j sends to i on one idle tick of j), for the docs and the tests. */
    public static double sendProbability(Map<String, Integer> clockRates, int randomRange, String from, String to) {
        QueueModel model = new QueueModel(clockRates, randomRange);
        int j = model.vms.indexOf(from);
        int i = model.vms.indexOf(to);
        if (i < 0 || j < 0) {
            throw new IllegalArgumentException("unknown VM: " + (j < 0 ? from : to) + " (known: " + model.vms + ")");
        }
        return model.sendProbability[j][i];
    }

    private double[] solve() {
        int n = vms.size();
        double largestRate = 0;
        for (double rate : rates) {
            largestRate = Math.max(largestRate, rate);
        }
        double tolerance = 1e-12 * (1 + largestRate);
        double[] arrivals = new double[n];
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] next = arrivalsGiven(arrivals);
            double moved = 0;
            for (int i = 0; i < n; i++) {
                double damped = (arrivals[i] + next[i]) / 2;
                moved = Math.max(moved, Math.abs(damped - arrivals[i]));
                arrivals[i] = damped;
            }
            if (moved <= tolerance) {
                return arrivals;
            }
        }
        throw new IllegalStateException("the queue model did not settle for rates " + byVm(rates) + " and randomRange " + randomRange);
    }

    /** F(a): the arrivals that the idle ticks left over by arrivals {@code a} would cause. */
    private double[] arrivalsGiven(double[] arrivals) {
        int n = vms.size();
        double[] next = new double[n];
        for (int j = 0; j < n; j++) {
            double idle = rates[j] - Math.min(rates[j], arrivals[j]);
            for (int i = 0; i < n; i++) {
                next[i] += sendProbability[j][i] * idle;
            }
        }
        return next;
    }

    private Map<String, Double> byVm(double[] values) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            result.put(vms.get(i), values[i]);
        }
        return Collections.unmodifiableMap(result);
    }
}
