package io.clocklab.vm.web;

import io.clocklab.vm.run.NoSuchRunLogException;
import io.clocklab.vm.run.RunConflictException;
import io.clocklab.web.ProblemDetailsAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.io.UncheckedIOException;

/** Every error as {@code application/problem+json}, with a detail that says what to fix. */
@RestControllerAdvice
class ApiErrors extends ProblemDetailsAdvice {

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(RunConflictException.class)
    ProblemDetail conflict(RunConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(NoSuchRunLogException.class)
    ProblemDetail notFound(NoSuchRunLogException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** Every turn to build a log page was taken: try again shortly. */
    @ExceptionHandler(LogPages.LogPagesBusyException.class)
    ResponseEntity<ProblemDetail> busy(LogPages.LogPagesBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    /** The log file could not be created or read: the VM's fault, but say exactly which file. */
    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail storage(UncheckedIOException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }
}
