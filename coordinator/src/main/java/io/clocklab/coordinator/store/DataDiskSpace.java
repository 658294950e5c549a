package io.clocklab.coordinator.store;

import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.config.DiskProperties;
import io.clocklab.core.log.EventLogFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Whether the data directory's disk has room for a run's logs, asked before the run starts: a run
 * that would fill the disk is refused up front instead of failing half-way.
 */
@Component
public class DataDiskSpace {

    /** The logs themselves, and as much again for the checker's sort spills and a live run's analysis copy. */
    static final int COPIES = 2;

    private final LongSupplier usableBytes;
    private final long keepFree;

    @Autowired
    DataDiskSpace(CoordinatorProperties properties, DiskProperties disk) {
        this(() -> usableBytes(properties.dataDir()), disk.keepFree().toBytes());
    }

    DataDiskSpace(LongSupplier usableBytes, long keepFree) {
        this.usableBytes = usableBytes;
        this.keepFree = keepFree;
    }

    /** What logging this many events may take on the data directory's disk, with the analysis's temporary files. */
    public static long bytesFor(long events) {
        return events * EventLogFiles.BYTES_PER_EVENT * COPIES;
    }

    /**
     * @param events at most how many events {@code what} logs; 0 when unknown (a run without a duration): then
     *               only {@code keep-free} must be free
     * @throws InsufficientStorageException when the disk has not that room and {@code keep-free} besides
     */
    public void requireRoomFor(long events, String what) {
        long needed = bytesFor(events);
        long usable = usableBytes.getAsLong();
        if (needed > usable - keepFree) {
            throw new InsufficientStorageException(what, needed, usable, keepFree);
        }
    }

    private static long usableBytes(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the free space of the data directory: " + e.getMessage(), e);
        }
    }
}
