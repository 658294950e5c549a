package io.clocklab.coordinator.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that a crash leaves either the old or the new content, never half of one. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path file, byte[] content) throws IOException {
        try (Pending pending = open(file)) {
            pending.out().write(content);
            pending.commit();
        }
    }

    /** A file written in pieces beside its final name, and put in place whole by {@link Pending#commit()}. */
    public static Pending open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        return new Pending(file, temp, new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024));
    }

    /** Closing without a commit throws the half-written content away. */
    public static final class Pending implements AutoCloseable {

        private final Path file;
        private final Path temp;
        private final OutputStream out;
        private boolean closed;

        private Pending(Path file, Path temp, OutputStream out) {
            this.file = file;
            this.temp = temp;
            this.out = out;
        }

        public OutputStream out() {
            return out;
        }

        public void commit() throws IOException {
            out.close();
            closed = true;
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                out.close();
            }
            Files.deleteIfExists(temp);
        }
    }
}
