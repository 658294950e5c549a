package io.clocklab.vm.web;

import io.clocklab.vm.config.LogPageProperties;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes a page of log lines as one JSON array, at most {@link LogPageProperties#maxConcurrent} at
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

    /**
     * Writes the lines {@code read} gives, which are JSON objects already, as one JSON array, once it
     * is this request's turn. The lines go to the response one by one, as UTF-8: the page is never
     * copied into one string.
     */
    void write(HttpServletResponse response, Supplier<List<String>> read) throws IOException {
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
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            OutputStream out = response.getOutputStream();
            out.write('[');
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(lines.get(i).getBytes(StandardCharsets.UTF_8));
            }
            out.write(']');
            out.flush();
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
