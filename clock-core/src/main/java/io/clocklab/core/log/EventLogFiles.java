package io.clocklab.core.log;

import io.clocklab.core.control.Names;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Event logs on disk, one JSON Lines file per VM ({@code <runId>/<vm>.jsonl}, as the VMs write them).
 * <p>
 * Reading takes files and folders; a folder means every {@code *.jsonl} file directly in it (not in
 * sub-folders: each run has its own folder, and mixing runs would be wrong). Events are grouped by
 * their {@code vm} field, whichever file they came from, and merged by seq; within one file a VM's
 * events must be in seq order (as a VM writes them). Blank lines are skipped.
 * An empty {@code <name>.jsonl} stands for a VM that logged nothing. The VMs come out in natural name
 * order (vm2 before vm10).
 */
public final class EventLogFiles {

    /**
     * What one event takes in a log file, at most, for estimating the disk a run needs: measured
     * 143 to 165 bytes a line on a live run at 1,000 ticks/s (2026-11-22), with room above that.
     */
    public static final int BYTES_PER_EVENT = 170;

    static final String EXTENSION = ".jsonl";

    private EventLogFiles() {
    }

    /**
     * The logs, to be streamed ({@link RunEvents}): each file is scanned once here for the VMs it
     * holds, and read again only when a VM's events are. Bad lines found later, while streaming, come
     * as an {@link java.io.UncheckedIOException} whose cause is the {@link LogFormatException}.
     *
     * @throws LogFormatException  naming the file and line of a line that is no JSON object or has no vm,
     *                             text that is not UTF-8, a folder without .jsonl files, or no events at all
     * @throws NoSuchFileException when a path does not exist
     */
    public static RunEvents open(List<Path> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no log files or folders given");
        }
        return LogFileEvents.scan(files(paths), paths.get(0));
    }

    /**
     * Every event in memory, by VM (natural name order), each VM's in seq order: for small runs and
     * tests ({@link #open} streams).
     *
     * @throws LogFormatException naming the file and line of anything that is not an event, a seq
     *                            logged twice for one VM or out of order within a file, a folder
     *                            without .jsonl files, or no events at all
     * @throws NoSuchFileException when a path does not exist
     */
    public static Map<String, List<Event>> read(List<Path> paths) throws IOException {
        RunEvents events = open(paths);
        try {
            return events.toMap();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes {@code <dir>/<vm>.jsonl} for each VM (replacing an existing file), one event per line,
     * UTF-8, each line ending in '\n'. Creates the folder.
     *
     * @throws IllegalArgumentException when a VM name cannot be a file name
     */
    public static void write(Path dir, Map<String, List<Event>> eventsByVm) throws IOException {
        eventsByVm.keySet().forEach(vm -> Names.requireValid("VM name", vm));
        Files.createDirectories(dir);
        for (var entry : eventsByVm.entrySet()) {
            Files.writeString(dir.resolve(entry.getKey() + EXTENSION), jsonLines(entry.getValue()), StandardCharsets.UTF_8);
        }
    }

    /** The events as the log file holds them: one {@link EventJson} line each, every line ending in '\n'. */
    public static String jsonLines(List<Event> events) {
        StringBuilder lines = new StringBuilder(events.size() * 160);
        for (Event event : events) {
            EventJson.appendLine(lines, event);
            lines.append('\n');
        }
        return lines.toString();
    }

    /**
     * The log files the paths name: each file given, and every {@code .jsonl} file in each folder
     * given (in natural name order).
     *
     * @throws LogFormatException  for a folder without {@code .jsonl} files
     * @throws NoSuchFileException when a path does not exist
     */
    public static List<Path> files(List<Path> paths) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> inFolder;
                try (Stream<Path> listing = Files.list(path)) {
                    inFolder = listing.filter(p -> p.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(p))
                            .sorted(Comparator.comparing(p -> p.getFileName().toString(), Names.NATURAL_ORDER))
                            .toList();
                }
                if (inFolder.isEmpty()) {
                    throw new LogFormatException(path, 0, "no " + EXTENSION + " files in this folder" + subfolderHint(path));
                }
                inFolder.forEach(file -> files.add(file.toAbsolutePath().normalize()));
            } else if (Files.exists(path)) {
                files.add(path.toAbsolutePath().normalize());
            } else {
                throw new NoSuchFileException(path.toString(), null, "no such log file or folder");
            }
        }
        return List.copyOf(files);
    }

    private static String subfolderHint(Path dir) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            List<String> folders = listing.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().limit(3).toList();
            return folders.isEmpty() ? "" : " (it has folders such as " + String.join(", ", folders) + ": give one run's folder)";
        }
    }

    static String vmNameOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - EXTENSION.length());
    }
}
