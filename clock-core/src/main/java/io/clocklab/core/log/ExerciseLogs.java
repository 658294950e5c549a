package io.clocklab.core.log;

import io.clocklab.core.model.RandomRange;

import io.clocklab.core.control.Names;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A run read from the logical-clocks exercise's text logs ({@link ExerciseLog}), one file per
 * machine, streamed from the files (never held). The rates are the files' {@code clock_rate}s, the roll range is the caller's, the run id
 * is the (first) folder's name, and the run counts as finished. The machines come out in natural name
 * order. There are no outages and no end state: the format has neither.
 */
public final class ExerciseLogs {

    private ExerciseLogs() {
    }

    /**
     * @param paths       log files, and folders meaning every file directly in them that starts with
     *                    {@value ExerciseLog#BANNER} (other files there, such as notes, are not read)
     * @param randomRange rolls are drawn from 1..randomRange
     * @throws LogFormatException  for a bad log (see {@link ExerciseLog#read}), two files for one machine,
     *                             a folder without exercise logs, or no events at all
     * @throws NoSuchFileException when a path does not exist
     */
    public static RunData load(List<Path> paths, int randomRange) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no log files or folders given");
        }
        RandomRange.require(randomRange);
        Map<String, ExerciseLog> logs = new TreeMap<>(Names.NATURAL_ORDER);
        long events = 0;
        for (Path file : files(paths)) {
            ExerciseLog log = ExerciseLog.read(file);
            ExerciseLog other = logs.putIfAbsent(log.vm(), log);
            if (other != null) {
                throw new LogFormatException(file, 0, "is the log of machine " + log.vm() + ", and so is " + other.file()
                        + ": each machine's log is one file, named after it");
            }
            events += log.eventCount();
        }
        if (events == 0) {
            throw new LogFormatException(paths.get(0), 0, "no events in " + logs.values().stream().map(ExerciseLog::file).toList());
        }
        Map<String, Integer> rates = new LinkedHashMap<>();
        logs.forEach((vm, log) -> rates.put(vm, log.clockRate()));
        return new RunData(RunLogs.inferredRunId(paths), rates, randomRange, true, events(logs), List.of(), null);
    }

    /** The logs streamed from their files, each time they are read. */
    private static RunEvents events(Map<String, ExerciseLog> logs) {
        return RunEvents.over(List.copyOf(logs.keySet()), vm -> {
            ExerciseLog log = logs.get(vm);
            return log == null ? RunEvents.of(Map.of()).open(vm) : log.open();
        });
    }

    /** The log files the paths name: each file given, and each file in a folder given that starts with the banner. */
    public static List<Path> files(List<Path> paths) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> inFolder = new ArrayList<>();
                try (Stream<Path> listing = Files.list(path)) {
                    for (Path file : listing.filter(Files::isRegularFile)
                            .sorted((a, b) -> Names.NATURAL_ORDER.compare(a.getFileName().toString(), b.getFileName().toString())).toList()) {
                        if (ExerciseLog.startsWithBanner(file)) {
                            inFolder.add(file.toAbsolutePath().normalize());
                        }
                    }
                }
                if (inFolder.isEmpty()) {
                    throw new LogFormatException(path, 0, "no exercise logs (files starting with " + ExerciseLog.BANNER + ") in this folder");
                }
                files.addAll(inFolder);
            } else if (Files.exists(path)) {
                files.add(path.toAbsolutePath().normalize());
            } else {
                throw new NoSuchFileException(path.toString(), null, "no such log file or folder");
            }
        }
        return List.copyOf(files);
    }
}
