package io.clocklab.core.log;

import io.clocklab.core.model.Event;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Random access by time into one VM's log file, as a VM writes it: one event per line, in seq
 * order, which is time order (a wall clock that steps back makes a line land near, not exactly at,
 * its place). A time is found by binary search over byte offsets, reading a few dozen lines, so a
 * window of a long run is read without reading the run.
 */
public final class LogSeek implements Closeable {

    private static final int BUFFER = 8192;

    private final Path path;
    private final RandomAccessFile file;
    private final long size;
    private final byte[] buffer = new byte[BUFFER];
    private long bufferStart = -1;
    private int bufferLength;

    public LogSeek(Path path) throws IOException {
        this.path = path;
        this.file = new RandomAccessFile(path.toFile(), "r");
        this.size = file.length();
    }

    /** A line of the file: its event (null when blank) and where the next line starts. */
    public record Line(Event event, long next) {
    }

    /** The byte offset of the first line whose event is at or after {@code time}; the file's size if none is. */
    public long offsetOf(Instant time) throws IOException {
        long lo = 0;
        long hi = size;
        // Invariant: lines starting before lo are before `time`; the line starting at hi (or the end) is not.
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            long start = lineStartAtOrAfter(mid);
            if (start >= hi) {
                Line line = lineAt(lo);
                if (line.event() == null || line.event().systemTime().isBefore(time)) {
                    lo = line.next();
                } else {
                    hi = lo;
                }
                continue;
            }
            Line line = lineAt(start);
            if (line.event() == null || line.event().systemTime().isBefore(time)) {
                lo = line.next();
            } else {
                hi = start;
            }
        }
        return lo;
    }

    /**
     * The line that starts at this offset (which must be a line start). A last line without its
     * newline is still being written (a live copy): it counts as blank.
     */
    public Line lineAt(long offset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        long at = offset;
        boolean ended = false;
        while (at < size) {
            int b = byteAt(at++);
            if (b == '\n') {
                ended = true;
                break;
            }
            bytes.write(b);
        }
        if (!ended) {
            return new Line(null, at);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        Event event = text.isBlank() ? null : EventJson.parse(path, 0, text);
        return new Line(event, at);
    }

    /** The last event of the file, null when it has none. */
    public Event last() throws IOException {
        long end = size;
        while (end > 0) {
            long start = end - 1;
            // skip the line end of the previous line, then find this line's start
            if (byteAt(start) == '\n') {
                start--;
            }
            while (start > 0 && byteAt(start - 1) != '\n') {
                start--;
            }
            Line line = lineAt(Math.max(start, 0));
            if (line.event() != null) {
                return line.event();
            }
            end = start;
        }
        return null;
    }

    public long size() {
        return size;
    }

    private long lineStartAtOrAfter(long offset) throws IOException {
        if (offset == 0) {
            return 0;
        }
        long at = offset - 1;
        while (at < size && byteAt(at) != '\n') {
            at++;
        }
        return Math.min(at + 1, size);
    }

    private int byteAt(long offset) throws IOException {
        if (bufferStart < 0 || offset < bufferStart || offset >= bufferStart + bufferLength) {
            bufferStart = Math.max(0, offset - BUFFER / 2); // centred: lines are read forwards and backwards
            file.seek(bufferStart);
            bufferLength = Math.max(0, file.read(buffer, 0, BUFFER));
            if (offset >= bufferStart + bufferLength) {
                throw new IOException(path + ": cannot read at " + offset);
            }
        }
        return buffer[(int) (offset - bufferStart)] & 0xff;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
