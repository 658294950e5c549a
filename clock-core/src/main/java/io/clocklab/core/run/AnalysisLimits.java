package io.clocklab.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What checking and analysing one run may hold in memory, whatever the run's length: the rest is
 * streamed from the logs or spilled to temporary files. Set by configuration, never by the input.
 *
 * @param sortChunk    records sorted in memory at once when events must be brought together by
 *                     message (a SEND with its RECEIVEs); more are sorted in chunks on disk and merged
 * @param shownPerList the most entries a result lists by name (violations, undelivered and lost
 *                     messages); every entry is still counted
 * @param jumpSample   the most receive jumps kept per VM for the percentiles and the histogram;
 *                     beyond it they come from a seeded uniform sample, and the analysis says so
 * @param tempDir      where spilled chunks go (deleted when done); null means {@code java.io.tmpdir}
 */
public record AnalysisLimits(int sortChunk, int shownPerList, int jumpSample, Path tempDir) {

    /** The name every spill folder starts with, so that one left by a crash is recognised ({@link #deleteLeftoverSpills}). */
    public static final String SPILL_PREFIX = "clocklab-sort-";

    /** About 25 MB for the sort, 8 MB of jumps for 3 VMs: well inside the coordinator's 128 MB heap. */
    public static final AnalysisLimits DEFAULT = new AnalysisLimits(200_000, 1000, 250_000, null);

    public AnalysisLimits {
        if (sortChunk < 1000) {
            throw new IllegalArgumentException("sortChunk must be at least 1000, got " + sortChunk);
        }
        if (shownPerList < 1) {
            throw new IllegalArgumentException("shownPerList must be at least 1, got " + shownPerList);
        }
        if (jumpSample < 100) {
            throw new IllegalArgumentException("jumpSample must be at least 100, got " + jumpSample);
        }
    }

    public Path tempDirOrDefault() {
        return tempDir != null ? tempDir : Path.of(Objects.requireNonNull(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Deletes the spill folders a crashed process left in {@link #tempDirOrDefault()}: those last
     * changed before {@code before} (this process's start), so a sort of this process is never touched.
     *
     * @return how many folders were deleted
     */
    public int deleteLeftoverSpills(java.time.Instant before) throws IOException {
        Path dir = tempDirOrDefault();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path spill : entries.filter(p -> p.getFileName().toString().startsWith(SPILL_PREFIX)).toList()) {
                if (!Files.getLastModifiedTime(spill).toInstant().isBefore(before)) {
                    continue;
                }
                try (Stream<Path> tree = Files.walk(spill)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
                deleted++;
            }
        }
        return deleted;
    }

    public AnalysisLimits withTempDir(Path dir) {
        return new AnalysisLimits(sortChunk, shownPerList, jumpSample, dir);
    }
}
