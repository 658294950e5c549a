package io.clocklab.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zips files (entry name → file) onto a stream, e.g. a run's JSON Lines logs for download. */
public final class LogsZip {

    private LogsZip() {
    }

    /**
     * Writes the zip and finishes it, but leaves {@code out} open (it may be a servlet response).
     * Entries keep the map's order and carry the files' modification times.
     *
     * @throws IllegalArgumentException for an entry name that is empty, absolute, has "..", a backslash, or repeats,
     *                                  or for a file that is missing; checked before anything is written
     */
    public static void write(Map<String, Path> files, OutputStream out) throws IOException {
        Set<String> names = new HashSet<>();
        for (var entry : files.entrySet()) {
            String name = entry.getKey();
            if (name == null || name.isBlank() || name.startsWith("/") || name.contains("\\")
                    || ("/" + name + "/").contains("/../") || !names.add(name)) {
                throw new IllegalArgumentException("bad zip entry name: '" + name + "' (must be relative, without '..' or '\\', and unique)");
            }
            if (!Files.isRegularFile(entry.getValue())) {
                throw new IllegalArgumentException("zip entry '" + name + "': no such file " + entry.getValue());
            }
        }
        ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
        for (var entry : files.entrySet()) {
            ZipEntry zipEntry = new ZipEntry(entry.getKey());
            FileTime modified = Files.getLastModifiedTime(entry.getValue());
            zipEntry.setLastModifiedTime(modified);
            zip.putNextEntry(zipEntry);
            Files.copy(entry.getValue(), zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** The same, as a byte array. */
    public static byte[] bytes(Map<String, Path> files) {
        var buffer = new java.io.ByteArrayOutputStream();
        try {
            write(files, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
