package io.clocklab.vm.run;

/** A control request that does not fit the VM's current run (wrong run id, or the wrong state). */
public class RunConflictException extends RuntimeException {
    public RunConflictException(String message) {
        super(message);
    }
}
