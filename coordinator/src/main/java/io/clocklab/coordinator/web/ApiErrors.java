package io.clocklab.coordinator.web;

import io.clocklab.coordinator.analysis.LogsNotAvailableException;
import io.clocklab.coordinator.experiment.ExperimentConflictException;
import io.clocklab.coordinator.experiment.ExperimentNotFoundException;
import io.clocklab.coordinator.experiment.InvalidExperimentException;
import io.clocklab.coordinator.run.ClusterNotReadyException;
import io.clocklab.coordinator.run.ExperimentRunningException;
import io.clocklab.coordinator.run.InvalidRunException;
import io.clocklab.coordinator.run.RunNotFoundException;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
import io.clocklab.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error as {@code application/problem+json}, with a detail that says what to fix. */
@RestControllerAdvice
class ApiErrors extends ProblemDetailsAdvice {

    /** Lists every problem, so a caller fixes them all in one go. */
    @ExceptionHandler(InvalidRunException.class)
    ProblemDetail invalidRun(InvalidRunException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid run request");
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler(InvalidExperimentException.class)
    ProblemDetail invalidExperiment(InvalidExperimentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid experiment request");
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler({ExperimentConflictException.class, ExperimentRunningException.class})
    ProblemDetail busy(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(LogsNotAvailableException.class)
    ProblemDetail logsNotAvailable(LogsNotAvailableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ExperimentNotFoundException.class)
    ProblemDetail experimentNotFound(ExperimentNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
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
}
