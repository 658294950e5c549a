package io.clocklab.vm.web;

import io.clocklab.vm.run.VmRuntime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /log?from=S&limit=L}: the current run's events with {@code seq >= S}, at most L.
 * The lines come straight from the log file, so the API and the file cannot disagree.
 */
@RestController
class LogController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final VmRuntime runtime;

    LogController(VmRuntime runtime) {
        this.runtime = runtime;
    }

    @GetMapping(path = "/log", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> log(@RequestParam(required = false) String from, @RequestParam(required = false) String limit) {
        long first = parse("from", from, 1, 1, Long.MAX_VALUE);
        int count = (int) parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        String body = "[" + String.join(",", runtime.events(first, count)) + "]";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static long parse(String name, String text, long fallback, long min, long max) {
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("'" + name + "' must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new BadRequestException("'" + name + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
