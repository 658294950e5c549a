package io.clocklab.web;

/** A request without the cluster secret; answered with 401. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
