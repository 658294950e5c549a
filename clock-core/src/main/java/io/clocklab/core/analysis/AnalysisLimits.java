package io.clocklab.core.analysis;

import java.nio.file.Path;
import java.util.Objects;

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

    public AnalysisLimits withTempDir(Path dir) {
        return new AnalysisLimits(sortChunk, shownPerList, jumpSample, dir);
    }
}
