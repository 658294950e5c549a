package io.clocklab.vm.run;

/** This VM has no log for the run asked about; answered with 404. */
public class NoSuchRunLogException extends RuntimeException {
    public NoSuchRunLogException(String message) {
        super(message);
    }
}
