package io.clocklab.web;

import java.io.IOException;

/** A request body longer than {@code clocklab.http.max-request-body}; answered 413 problem+json. */
public final class RequestBodyTooLargeException extends IOException {

    private final long limitBytes;

    public RequestBodyTooLargeException(long limitBytes) {
        super(message(limitBytes));
        this.limitBytes = limitBytes;
    }

    static String message(long limitBytes) {
        return "the request body is over " + limitBytes + " bytes, the most this service reads (clocklab.http.max-request-body)";
    }

    public long limitBytes() {
        return limitBytes;
    }
}
