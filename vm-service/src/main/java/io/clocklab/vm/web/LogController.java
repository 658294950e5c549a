package io.clocklab.vm.web;

import io.clocklab.core.model.Event;
import io.clocklab.vm.run.VmRuntime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/**
 * {@code GET /log?from=S&limit=L}: the current run's events with {@code seq >= S}, at most L.
 * The lines come straight from the log file, so the API and the file cannot disagree.
 */
@RestController
@Tag(name = ApiDocs.TAG_CLOCK)
class LogController {

    private final VmRuntime runtime;
    private final LogPages pages;

    LogController(VmRuntime runtime, LogPages pages) {
        this.runtime = runtime;
        this.pages = pages;
    }

    @GetMapping(path = "/log", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The current run's events with seq >= from, in seq order, at most limit of them",
            description = "To page, ask again from the last `seq` + 1. `to` is on SEND only; `messageId` on SEND and RECEIVE;"
                    + " `from` and `messageClock` on RECEIVE only.")
    @ApiResponse(responseCode = "200", description = "The events, as the VM's log file holds them", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = Event.class)),
            examples = @ExampleObject(value = ApiDocs.LOG)))
    @ApiResponse(responseCode = "400", description = "`from` or `limit` is not a whole number in range", content = @Content(
            mediaType = APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
            examples = @ExampleObject(value = ApiDocs.BAD_LOG_PARAMETER)))
    void log(
            @Parameter(description = "the first seq", schema = @Schema(type = "integer", format = "int64", minimum = "1",
                    defaultValue = "1")) @RequestParam(required = false) String from,
            @Parameter(description = "at most this many events", schema = @Schema(type = "integer", format = "int32",
                    minimum = "1", maximum = "10000", defaultValue = "1000")) @RequestParam(required = false) String limit,
            @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        PageParams page = PageParams.parse(from, limit);
        pages.write(response, () -> runtime.events(page.from(), page.limit()));
    }
}
