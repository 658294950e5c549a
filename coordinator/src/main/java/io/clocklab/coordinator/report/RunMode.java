package io.clocklab.coordinator.report;

/** Where a run's events came from: the live VMs, or the simulator in virtual time. */
public enum RunMode {
    LIVE("live"),
    SIMULATED("simulated");

    private final String label;

    RunMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
