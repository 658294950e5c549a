package io.clocklab.coordinator.web;

import io.clocklab.coordinator.run.ClusterNotReadyException;
import io.clocklab.coordinator.run.InvalidRunException;
import io.clocklab.coordinator.run.RunNotFoundException;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error as {@code application/problem+json}, with a detail that says what to fix. */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    /** Lists every problem, so a caller fixes them all in one go. */
    @ExceptionHandler(InvalidRunException.class)
    ProblemDetail invalidRun(InvalidRunException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid run request");
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler(RunNotFoundException.class)
    ProblemDetail notFound(RunNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ClusterNotReadyException.class)
    ProblemDetail notReady(ClusterNotReadyException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(VmUnavailableException.class)
    ProblemDetail vmUnavailable(VmUnavailableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(UnauthorizedException.class)
    ProblemDetail unauthorized(UnauthorizedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    /** Unreadable JSON, a wrong type, an unknown field, or a body a record's own checks refuse. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof IllegalArgumentException ? cause.getMessage()
                : "the request body is not valid JSON for this endpoint: " + firstLine(cause.getMessage());
        return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), headers, status, request);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
