package io.clocklab.vm.web;

import io.clocklab.vm.config.LogPageProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds a page of log lines as one JSON array, at most {@link LogPageProperties#maxConcurrent} at
 * once (fairly, first come first served), so the memory pages take is bounded by configuration,
 * not by how many requests arrive. Found by hand: 16 clients asking vm1 for 10,000 events each in a
 * loop put it out of heap six times in 30 s.
 */
@Component
class LogPages {

    private final Semaphore turns;
    private final LogPageProperties properties;

    LogPages(LogPageProperties properties) {
        this.properties = properties;
        this.turns = new Semaphore(properties.maxConcurrent(), true);
    }

    /** The lines {@code read} gives, which are JSON objects already, as one JSON array, once it is this request's turn. */
    ResponseEntity<String> jsonArray(Supplier<List<String>> read) {
        boolean turn;
        try {
            turn = turns.tryAcquire(properties.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = false;
        }
        if (!turn) {
            throw new LogPagesBusyException(properties);
        }
        try {
            List<String> lines = read.get();
            StringBuilder json = new StringBuilder(lines.stream().mapToInt(String::length).sum() + lines.size() + 2).append('[');
            for (int i = 0; i < lines.size(); i++) {
                json.append(i == 0 ? "" : ",").append(lines.get(i));
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.append(']').toString());
        } finally {
            turns.release();
        }
    }

    /** Every turn was taken for {@code maxWait}: 503, try again shortly. */
    static final class LogPagesBusyException extends RuntimeException {
        LogPagesBusyException(LogPageProperties properties) {
            super("the VM is building " + properties.maxConcurrent() + " log pages and none finished within " + properties.maxWait().toMillis()
                    + " ms (clocklab.vm.log-pages.max-concurrent): try again shortly");
        }
    }
}
