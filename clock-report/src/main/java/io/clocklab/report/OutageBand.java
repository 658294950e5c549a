package io.clocklab.report;

import io.clocklab.core.run.Outage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An outage placed on a plot's time axis: seconds since the run's start.
 *
 * @param toSeconds null when the VM was down until the end of the run
 */
record OutageBand(String vm, double fromSeconds, Double toSeconds, String cause) {

    /** Band fill opacity: light enough to read the lines through. */
    static final double OPACITY = 0.16;

    /** The outages on the time axis that starts at {@code origin}; none when there is no origin (no events). */
    static List<OutageBand> of(List<Outage> outages, Instant origin) {
        if (origin == null || outages == null) {
            return List.of();
        }
        List<OutageBand> bands = new ArrayList<>(outages.size());
        for (Outage outage : outages) {
            bands.add(new OutageBand(outage.vm(), seconds(origin, outage.from()),
                    outage.to() == null ? null : seconds(origin, outage.to()), outage.cause()));
        }
        return bands;
    }

    /** "vm2 down (restarted)", or "vm2 down" without a cause. */
    String label() {
        return vm + " down" + (cause == null || cause.isBlank() ? "" : " (" + cause + ")");
    }

    /** The label and when: "vm2 down (restarted), 12.3–20.1 s" or "…, from 12.3 s until the end". */
    String tooltip() {
        return label() + (toSeconds == null ? ", from " + Labels.number(fromSeconds, 3) + " s until the end"
                : ", " + Labels.number(fromSeconds, 3) + "–" + Labels.number(toSeconds, 3) + " s");
    }

    /** True when the band and {@code [from, to]} share an instant. */
    boolean overlaps(double from, double to) {
        return fromSeconds <= to && (toSeconds == null || toSeconds >= from);
    }

    /** One band per distinct label, in order of first appearance: the legend's entries. */
    static List<OutageBand> distinctLabels(List<OutageBand> bands) {
        Map<String, OutageBand> first = new LinkedHashMap<>();
        bands.forEach(band -> first.putIfAbsent(band.label(), band));
        return List.copyOf(first.values());
    }

    private static double seconds(Instant origin, Instant at) {
        Duration d = Duration.between(origin, at);
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
