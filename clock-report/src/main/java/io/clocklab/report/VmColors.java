package io.clocklab.report;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.VmAnalysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per VM, the same in every plot of a report: the Okabe-Ito palette, which stays
 * distinguishable under the common colour-vision deficiencies. Colours follow the VMs' fixed
 * order, so vm1 is blue wherever it appears. Past eight VMs the colours repeat with a dash pattern.
 */
public final class VmColors {

    /** Okabe-Ito, yellow last because it is faint on white. */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#000000", "#F0E442");

    private final Map<String, Integer> index = new LinkedHashMap<>();

    private VmColors(List<String> vms) {
        for (String vm : vms) {
            index.putIfAbsent(vm, index.size());
        }
    }

    /** Colours for these VMs, in this order. */
    public static VmColors of(List<String> vms) {
        return new VmColors(vms);
    }

    /** Colours for a run's VMs in the analysis' order (the run's fixed VM order). */
    public static VmColors forRun(RunAnalysis analysis) {
        return of(analysis.vms().stream().map(VmAnalysis::vm).toList());
    }

    public List<String> vms() {
        return List.copyOf(index.keySet());
    }

    public String color(String vm) {
        return PALETTE.get(slot(vm) % PALETTE.size());
    }

    /** Null for the first eight VMs (solid lines), a dash pattern after that. */
    public String dash(String vm) {
        int round = slot(vm) / PALETTE.size();
        return round == 0 ? null : (4 * round) + " " + (3 * round);
    }

    /** A colour for the i-th item of something that is not a VM (a variation, say). */
    public static String forIndex(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    private int slot(String vm) {
        Integer slot = index.get(vm);
        // A VM not given up front still gets a stable colour: the next free slot.
        return slot != null ? slot : index.computeIfAbsent(vm, v -> index.size());
    }
}
