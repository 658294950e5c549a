package io.clocklab.core.log;

import java.io.IOException;
import java.nio.file.Path;

/** A log file (or a run.json) that cannot be read as one, naming the file and, when it is about one, the line. */
public final class LogFormatException extends IOException {

    private final transient Path file;
    private final int line;

    /** @param line 1-based, or 0 when the problem is not on one line */
    public LogFormatException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    public LogFormatException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based, 0 when the problem is with the file as a whole. */
    public int line() {
        return line;
    }
}
