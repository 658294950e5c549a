package io.clocklab.coordinator.cluster;

/** A registration under a name that a live VM at another address holds. Answered with 409. */
public class RegistrationConflictException extends RuntimeException {
    public RegistrationConflictException(String message) {
        super(message);
    }
}
