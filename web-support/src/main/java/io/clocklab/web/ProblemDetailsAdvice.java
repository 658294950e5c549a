package io.clocklab.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * What both services answer the same way, as {@code application/problem+json}: a missing secret,
 * a body over {@code clocklab.http.max-request-body} (413), and a body that is not valid JSON for the endpoint or that a record's own checks refuse (their
 * message becomes the detail). Each service's {@code @RestControllerAdvice} extends this with its
 * own exceptions.
 */
public abstract class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(UnauthorizedException.class)
    ProblemDetail unauthorized(UnauthorizedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof RequestBodyTooLargeException tooLarge) { // a chunked body past the cap
            return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage()),
                    headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        String detail = cause instanceof IllegalArgumentException ? cause.getMessage()
                : "the request body is not valid JSON for this endpoint: " + firstLine(cause.getMessage());
        return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), headers, status, request);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
