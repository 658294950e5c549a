package io.clocklab.vm.web;

import io.clocklab.vm.run.VmRuntime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /log?from=S&limit=L}: the current run's events with {@code seq >= S}, at most L.
 * The lines come straight from the log file, so the API and the file cannot disagree.
 */
@RestController
class LogController {

    private final VmRuntime runtime;

    LogController(VmRuntime runtime) {
        this.runtime = runtime;
    }

    @GetMapping(path = "/log", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> log(@RequestParam(required = false) String from, @RequestParam(required = false) String limit) {
        PageParams page = PageParams.parse(from, limit);
        return jsonArray(runtime.events(page.from(), page.limit()));
    }

    /** Lines that are JSON objects already, as one JSON array. */
    static ResponseEntity<String> jsonArray(List<String> lines) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("[" + String.join(",", lines) + "]");
    }
}
