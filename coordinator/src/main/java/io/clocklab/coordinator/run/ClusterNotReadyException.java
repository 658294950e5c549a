package io.clocklab.coordinator.run;

/** Not enough VMs have registered for a run. */
public class ClusterNotReadyException extends RuntimeException {
    public ClusterNotReadyException(String message) {
        super(message);
    }
}
