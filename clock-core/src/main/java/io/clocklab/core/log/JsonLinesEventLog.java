package io.clocklab.core.log;

import io.clocklab.core.model.Event;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One machine's log for one run: a JSON Lines file that is opened once, written through (flushed
 * to the OS) on every append, and read back by page for {@code GET /log}. Only the byte offset of
 * every {@value #STRIDE}th line stays in memory (a page is found from the nearest one before it and
 * read forward), so an hour at 1,000 ticks/s costs about 110 KB of heap, not 29 MB.
 * One thread appends; any thread may read.
 */
public final class JsonLinesEventLog implements Closeable {

    private final Path file;
    /** Null for a log opened read-only. */
    private final FileOutputStream fileOut;
    private final OutputStream out;
    private final FileChannel reader;
    /** One line in this many has its start kept. */
    static final int STRIDE = 256;

    /** Where lines 0, STRIDE, 2 x STRIDE ... start. */
    private long[] lineStarts = new long[64];
    private int count;
    private long size;
    private boolean closed;
    /** The line being appended, kept from one append to the next. */
    private final StringBuilder text = new StringBuilder(EventJson.LINE_CAPACITY);

    private enum Mode { CREATE, APPEND, READ }

    private JsonLinesEventLog(Path file, Mode mode) throws IOException {
        this.file = file;
        if (mode == Mode.CREATE) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // CREATE_NEW: a log that exists already belongs to someone; never overwrite it.
            Files.createFile(file);
        }
        this.reader = FileChannel.open(file, StandardOpenOption.READ);
        try {
            if (mode != Mode.CREATE) {
                indexLines();
            }
            // append mode: whatever the file holds stays; writes only ever go after it
            this.fileOut = mode == Mode.READ ? null : new FileOutputStream(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        this.out = fileOut == null ? null : new BufferedOutputStream(fileOut, 8192);
    }

    /** Creates the file (and its folders); fails if the file already exists. */
    public static JsonLinesEventLog create(Path file) throws IOException {
        return new JsonLinesEventLog(file, Mode.CREATE);
    }

    /**
     * Opens a log that exists, to go on appending to it (a restarted VM rejoining its run). The file
     * is read to rebuild the line index and is never truncated or replaced; the next append must
     * carry seq {@code count() + 1}.
     *
     * @throws LogFormatException when the last line is cut short (it would be glued to the next one)
     * @throws java.nio.file.NoSuchFileException when there is no such file
     */
    public static JsonLinesEventLog openForAppend(Path file) throws IOException {
        return new JsonLinesEventLog(file, Mode.APPEND);
    }

    /** Opens a log that exists, to page through it; appends are refused. */
    public static JsonLinesEventLog openReadOnly(Path file) throws IOException {
        return new JsonLinesEventLog(file, Mode.READ);
    }

    /** One pass over the file: where each line starts. Lines are not parsed here. */
    private void indexLines() throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long position = 0;
        boolean atLineStart = true;
        for (int read = reader.read(chunk, 0); read > 0; read = reader.read(chunk, position)) {
            chunk.flip();
            for (int i = 0; i < read; i++) {
                if (atLineStart) {
                    indexLine(position + i);
                }
                atLineStart = chunk.get(i) == '\n';
            }
            position += read;
            chunk.clear();
        }
        if (!atLineStart) {
            throw new LogFormatException(file, count, "the last line has no end (a write was cut short); "
                    + "appending would glue the next event to it");
        }
        size = position;
    }

    /** Appends the next event (its seq must be the count so far + 1) and flushes it to the OS. */
    public synchronized void append(Event event) throws IOException {
        if (closed) {
            throw new IOException("log " + file + " is closed");
        }
        if (out == null) {
            throw new IOException("log " + file + " is open read-only");
        }
        if (event.seq() != count + 1L) {
            throw new IllegalArgumentException("expected seq " + (count + 1L) + ", got " + event.seq());
        }
        text.setLength(0);
        EventJson.appendLine(text, event);
        byte[] line = text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        out.write(line);
        out.flush();
        indexLine(size);
        size += line.length;
    }

    /** {@code cut}'s first {@code cutLength} bytes followed by {@code bytes[from, to)}: {@code cut} itself when it has room. */
    private static byte[] joined(byte[] cut, int cutLength, byte[] bytes, int from, int to) {
        int length = cutLength + to - from;
        byte[] into = length <= cut.length ? cut : Arrays.copyOf(cut, Math.max(length, cut.length * 2));
        System.arraycopy(bytes, from, into, cutLength, to - from);
        return into;
    }

    /** Counts the line that starts at this offset, keeping its start if it is one of every {@link #STRIDE}. */
    private void indexLine(long start) {
        if (count % STRIDE == 0) {
            int slot = count / STRIDE;
            if (slot == lineStarts.length) {
                lineStarts = Arrays.copyOf(lineStarts, slot * 2);
            }
            lineStarts[slot] = start;
        }
        count++;
    }

    /** The JSON lines of events {@code from .. from+limit-1} that exist, in seq order, without the newlines. */
    public List<String> page(long from, int limit) throws IOException {
        if (from < 1 || limit < 0) {
            throw new IllegalArgumentException("from must be >= 1 and limit >= 0");
        }
        long start;
        long end;
        int skip;
        int take;
        synchronized (this) {
            if (from > count || limit == 0) {
                return List.of();
            }
            int first = (int) (from - 1);
            take = (int) Math.min(limit, count - first);
            start = lineStarts[first / STRIDE];
            skip = first % STRIDE;
            end = size; // what is beyond was not written when asked: never read half of it
        }
        List<String> lines = new ArrayList<>(Math.min(take, 16_384));
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        byte[] bytes = chunk.array();
        byte[] cut = new byte[256]; // the start of a line the chunk ended in
        int cutLength = 0;
        for (long position = start; position < end && lines.size() < take; ) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), end - position));
            int read = reader.read(chunk, position);
            if (read < 0) {
                throw new IOException("log " + file + " is shorter than what was written to it");
            }
            int lineStart = 0;
            for (int i = 0; i < read && lines.size() < take; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                } else if (cutLength == 0) {
                    lines.add(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
                } else {
                    cut = joined(cut, cutLength, bytes, lineStart, i);
                    lines.add(new String(cut, 0, cutLength + i - lineStart, StandardCharsets.UTF_8));
                }
                cutLength = 0;
                lineStart = i + 1;
            }
            if (lines.size() < take && lineStart < read) {
                cut = joined(cut, cutLength, bytes, lineStart, read);
                cutLength += read - lineStart;
            }
            position += read;
        }
        if (lines.size() < take) {
            throw new IOException("log " + file + " is shorter than what was written to it");
        }
        return lines;
    }

    public synchronized long count() {
        return count;
    }

    /** Bytes in the file so far. */
    public synchronized long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    /** Flushes, forces the file to disk and closes it; reading a closed log is refused. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (out == null) {
            reader.close();
            return;
        }
        try (reader; fileOut; out) {
            out.flush();
            fileOut.getFD().sync();
        }
    }
}
