package io.clocklab.web;

/** A request without the cluster secret or the API token it needs; answered with 401. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
