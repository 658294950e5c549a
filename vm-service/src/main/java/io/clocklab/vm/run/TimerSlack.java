package io.clocklab.vm.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux lets a timed wait end up to the thread's <em>timer slack</em> late (50 µs by default), so that
 * the kernel can batch wake-ups. At 10,000 ticks a second that is half a period. A thread may set its
 * own slack, without any capability, by writing {@code /proc/<tid>/timerslack_ns}; this does that for
 * the calling thread, and only for it. Where the file is missing or refused (not Linux, an old kernel,
 * a locked-down /proc), nothing changes and the ticker spins a little longer instead.
 */
final class TimerSlack {

    private static final Logger log = LoggerFactory.getLogger(TimerSlack.class);

    /** One nanosecond: the smallest slack; 0 would mean "back to the default". */
    static final long TIGHT_NANOS = 1;

    private TimerSlack() {
    }

    /** Sets the calling thread's timer slack to {@link #TIGHT_NANOS}; true if it now is. */
    static boolean tightenForThisThread() {
        try {
            return tighten(ownSlackFile());
        } catch (IOException | RuntimeException e) {
            return keptDefault(e);
        }
    }

    /** Sets the slack that {@code file} holds (a thread's {@code timerslack_ns}); true if it now is tight. */
    static boolean tighten(Path file) {
        try {
            Files.writeString(file, Long.toString(TIGHT_NANOS));
            return Long.parseLong(Files.readString(file).trim()) == TIGHT_NANOS || keptDefault(null);
        } catch (IOException | RuntimeException e) {
            return keptDefault(e);
        }
    }

    private static boolean keptDefault(Exception cause) {
        log.info("the ticker keeps the default timer slack ({}), so it spins longer before each tick",
                cause == null ? "the kernel did not take 1 ns" : cause.toString());
        return false;
    }

    /** The calling thread's slack, in nanoseconds. */
    static long ofThisThread() throws IOException {
        return Long.parseLong(Files.readString(ownSlackFile()).trim());
    }

    private static Path ownSlackFile() throws IOException {
        // /proc/thread-self links to <pid>/task/<tid>; the per-thread file lives at /proc/<tid>
        Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
        return Path.of("/proc", self.getFileName().toString(), "timerslack_ns");
    }
}
