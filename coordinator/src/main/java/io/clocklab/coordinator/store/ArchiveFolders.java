package io.clocklab.coordinator.store;

import io.clocklab.core.archive.ArchiveJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One JSON file per folder under a root, e.g. {@code runs/<id>/run.json}. */
public final class ArchiveFolders {

    private static final Logger log = LoggerFactory.getLogger(ArchiveFolders.class);

    private ArchiveFolders() {
    }

    /** Writes {@code <root>/<id>/<fileName>} whole or not at all. */
    public static void save(Path root, String id, String fileName, Object value) {
        Path file = root.resolve(id).resolve(fileName);
        try {
            AtomicFiles.write(file, ArchiveJson.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every readable {@code <root>/*&#47;<fileName>}; one that cannot be read is skipped and logged, never deleted. */
    public static <T> List<T> loadAll(Path root, String fileName, Class<T> type) {
        List<T> values = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return values;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve(fileName);
                if (Files.isRegularFile(file)) {
                    try {
                        values.add(ArchiveJson.MAPPER.readValue(file.toFile(), type));
                    } catch (IOException e) {
                        log.warn("skipping {}: {}", file, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return values;
    }
}
