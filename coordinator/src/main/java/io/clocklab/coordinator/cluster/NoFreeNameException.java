package io.clocklab.coordinator.cluster;

/** Every name a replica could get is leased to one still alive or still booting. Answered with 409. */
public class NoFreeNameException extends RuntimeException {
    public NoFreeNameException(String message) {
        super(message);
    }
}
