package io.clocklab.coordinator.web;

import io.clocklab.coordinator.analysis.LogsNotAvailableException;
import io.clocklab.coordinator.cluster.NameNotFreeYetException;
import io.clocklab.coordinator.cluster.NoFreeNameException;
import io.clocklab.coordinator.cluster.RegistrationConflictException;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.experiment.ExperimentConflictException;
import io.clocklab.coordinator.experiment.ExperimentNotFoundException;
import io.clocklab.coordinator.run.AnalysisBusyException;
import io.clocklab.coordinator.run.ClusterNotReadyException;
import io.clocklab.coordinator.run.ExperimentRunningException;
import io.clocklab.coordinator.run.InvalidRequestException;
import io.clocklab.coordinator.run.RunNotFoundException;
import io.clocklab.coordinator.run.RunStillGoingException;
import io.clocklab.coordinator.store.InsufficientStorageException;
import io.clocklab.coordinator.vmclient.VmUnavailableException;
import io.clocklab.core.causality.CausalityLimitException;
import io.clocklab.web.ProblemDetailsAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Every error as {@code application/problem+json}, with a detail that says what to fix. */
@RestControllerAdvice
class ApiErrors extends ProblemDetailsAdvice {

    /** How the data directory's own place on the server is spelled: a detail names files below it, never it. */
    private final List<String> dataDirPrefixes;

    ApiErrors(CoordinatorProperties properties) {
        Path dataDir = properties.dataDir();
        this.dataDirPrefixes = Stream.of(dataDir.toAbsolutePath().normalize().toString(), dataDir.toAbsolutePath().toString(), dataDir.toString())
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Lists every problem, so a caller fixes them all in one go. */
    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return invalid("Invalid " + e.what() + " request", e.problems());
    }

    @ExceptionHandler({RunNotFoundException.class, ExperimentNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** The request is fine, the moment is not: VMs missing, the cluster or the experiment slot taken, logs absent. */
    @ExceptionHandler({ClusterNotReadyException.class, ExperimentConflictException.class, ExperimentRunningException.class,
            LogsNotAvailableException.class, RegistrationConflictException.class, NoFreeNameException.class, RunStillGoingException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(VmUnavailableException.class)
    ProblemDetail vmUnavailable(VmUnavailableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    /**
     * A run's files could not be read or written (disk full, permissions, a damaged log): said, and
     * logged with its cause. The detail names the file relative to the data directory (e.g.
     * {@code runs/<id>/vm2.jsonl:12}); where the data directory is on the server stays in the log.
     */
    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail storage(UncheckedIOException e) {
        log.error("storage failure: {}", e.getMessage(), e);
        String cause = String.valueOf(e.getCause());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                withoutDataDir(e.getMessage() + (String.valueOf(e.getMessage()).contains(cause) ? "" : " (" + cause + ")")));
        problem.setTitle("The run's data could not be read or written");
        return problem;
    }

    /** The text with each path below the data directory made relative to it, and the directory itself as {@code <data-dir>}. */
    String withoutDataDir(String text) {
        String result = text;
        for (String prefix : dataDirPrefixes) {
            result = result.replace(prefix + File.separator, "").replace(prefix, "<data-dir>");
        }
        return result;
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);

    /** The run's logs could fill the data directory's disk: refused before it starts, with the figures. */
    @ExceptionHandler(InsufficientStorageException.class)
    ProblemDetail insufficientStorage(InsufficientStorageException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE, e.getMessage());
        problem.setTitle("Not enough disk for this run's logs");
        problem.setProperty("neededBytes", e.neededBytes());
        problem.setProperty("usableBytes", e.usableBytes());
        problem.setProperty("keepFreeBytes", e.keepFreeBytes());
        return problem;
    }

    /** The run is too big for one of its analyses (happens-before: too many messages in flight at once). */
    @ExceptionHandler(CausalityLimitException.class)
    ProblemDetail tooBigToDerive(CausalityLimitException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("Happens-before not derived");
        return problem;
    }

    /** Another run's analysis holds the turn: come back shortly. */
    @ExceptionHandler(AnalysisBusyException.class)
    ResponseEntity<ProblemDetail> analysisBusy(AnalysisBusyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Analysis busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(AnalysisBusyException.RETRY_AFTER_SECONDS)).body(problem);
    }

    /** A replica asked for a name that may still be a running one's: it asks again after Retry-After. */
    @ExceptionHandler(NameNotFreeYetException.class)
    ResponseEntity<ProblemDetail> nameNotFreeYet(NameNotFreeYetException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    /** At most this many problems are listed, so a huge bad request cannot make a huge answer. */
    static final int PROBLEMS_LISTED = 20;

    private static ProblemDetail invalid(String title, List<String> problems) {
        List<String> listed = problems.subList(0, Math.min(problems.size(), PROBLEMS_LISTED));
        int more = problems.size() - listed.size();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                String.join("; ", listed) + (more == 0 ? "" : "; and " + more + " more problems"));
        problem.setTitle(title);
        problem.setProperty("problems", listed);
        problem.setProperty("problemCount", problems.size());
        return problem;
    }
}
