package io.clocklab.vm.web;

/** Input the caller can fix; answered with 400 and this message as the problem's detail. */
class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }
}
