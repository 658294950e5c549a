package io.clocklab.report;

import io.clocklab.core.analysis.RunAnalysis;
import io.clocklab.core.analysis.VmAnalysis;
import io.clocklab.core.control.Names;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour and line style per VM, the same in every plot of a report: the Okabe-Ito palette, which
 * stays distinguishable under the common colour-vision deficiencies. Slots follow the VMs' natural
 * name order ({@link Names#NATURAL_ORDER}: vm2 before vm10), whatever order they are given in, so vm1
 * is blue solid wherever it appears, and VMs are shown in that order ({@link #vms()}).
 * <p>
 * The first eight VMs are solid; each further eight repeat the colours with a line style of its own:
 * dashed, dotted, dash-dot. That makes {@link #DISTINCT} (32) distinct (colour, style) pairs; past
 * that the pairs repeat, and only the name tells VMs apart.
 */
public final class VmColors {

    /** Okabe-Ito, yellow last because it is faint on white. */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#000000", "#F0E442");

    /**
     * The line style of each round of eight VMs, as an SVG {@code stroke-dasharray} (null: solid). Not
     * one pattern scaled up, which reads as the same dashes at a glance, but four kinds of line; each
     * repeats within {@link #SWATCH} pixels, so a legend swatch shows the whole pattern.
     */
    static final List<String> DASHES = java.util.Arrays.asList(null, "8 4", "2 3", "9 3 2 3");

    /** Distinct (colour, style) pairs. */
    public static final int DISTINCT = 32;

    /** How long a legend's line swatch is: more than a period of the longest dash pattern. */
    static final double SWATCH = 26;

    private final Map<String, Integer> index = new LinkedHashMap<>();

    private VmColors(List<String> vms) {
        vms.stream().distinct().sorted(Names.NATURAL_ORDER).forEach(vm -> index.put(vm, index.size()));
    }

    /** Colours for these VMs, by their natural name order (not the order given). */
    public static VmColors of(List<String> vms) {
        return new VmColors(vms);
    }

    /** Colours for a run's VMs. */
    public static VmColors forRun(RunAnalysis analysis) {
        return of(analysis.vms().stream().map(VmAnalysis::vm).toList());
    }

    /** The VMs in the order a report shows them: natural name order, then any VM first asked about later. */
    public List<String> vms() {
        return List.copyOf(index.keySet());
    }

    public String color(String vm) {
        return PALETTE.get(slot(vm) % PALETTE.size());
    }

    /** Null (a solid line) for the first eight VMs, then a dash pattern per round of eight. */
    public String dash(String vm) {
        return DASHES.get((slot(vm) / PALETTE.size()) % DASHES.size());
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
