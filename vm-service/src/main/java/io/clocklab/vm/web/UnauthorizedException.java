package io.clocklab.vm.web;

/** A control request without the cluster secret; answered with 401. */
class UnauthorizedException extends RuntimeException {
    UnauthorizedException(String message) {
        super(message);
    }
}
