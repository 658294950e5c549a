package io.clocklab.coordinator.store;

import io.clocklab.core.log.EventLogFiles;

/** A run or an experiment whose logs could fill the data directory's disk: refused before it starts (507). */
public class InsufficientStorageException extends RuntimeException {

    private final long neededBytes;
    private final long usableBytes;
    private final long keepFreeBytes;

    public InsufficientStorageException(String what, long neededBytes, long usableBytes, long keepFreeBytes) {
        super("%s could need %,d MB on the data directory's disk (its logs at %d bytes an event, and as much again while it is analysed), but %,d MB are free and %,d MB are to stay free (clocklab.coordinator.disk.keep-free): fewer seconds or ticks per second, or free some space (each old run is a folder under the data directory's runs/)"
                .formatted(what, mb(neededBytes), EventLogFiles.BYTES_PER_EVENT, mb(usableBytes), mb(keepFreeBytes)));
        this.neededBytes = neededBytes;
        this.usableBytes = usableBytes;
        this.keepFreeBytes = keepFreeBytes;
    }

    private static long mb(long bytes) {
        return (bytes + 999_999) / 1_000_000;
    }

    public long neededBytes() {
        return neededBytes;
    }

    public long usableBytes() {
        return usableBytes;
    }

    public long keepFreeBytes() {
        return keepFreeBytes;
    }
}
