package io.clocklab.core.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The formats a run's logs are read in: clocklab's own, and the logical-clocks exercise's text logs. */
public enum LogFormat {

    /** One JSON object per line, one {@code <vm>.jsonl} per VM ({@link EventLogFiles}). */
    JSONL("jsonl", true),
    /** The exercise's text logs, one file per machine ({@link ExerciseLog}): no message ids, senders or recipients. */
    EXERCISE("exercise", false);

    private final String option;
    private final boolean namesMessages;

    LogFormat(String option, boolean namesMessages) {
        this.option = option;
        this.namesMessages = namesMessages;
    }

    /**
     * Whether the logs name each message at its SEND and its RECEIVEs: only then can a run be checked
     * for the rules that join them, its deliveries accounted and its happens-before derived.
     */
    public boolean namesMessages() {
        return namesMessages;
    }

    /** The name {@code --format} takes. */
    public String option() {
        return option;
    }

    /**
     * The format {@code --format} names.
     *
     * @throws IllegalArgumentException naming the formats there are
     */
    public static LogFormat ofOption(String name) {
        for (LogFormat format : values()) {
            if (format.option.equals(name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("no log format '" + name + "'; the logs are read as exercise or jsonl");
    }

    /**
     * The format of the logs the paths name. A file whose first non-blank line is
     * {@value ExerciseLog#BANNER} is the exercise's; a {@code .jsonl} file is clocklab's; any other
     * file given by name is clocklab's if its first non-blank line starts with '{', else the
     * exercise's (whose reader then says what is missing). A folder counts its {@code .jsonl} files
     * and the files in it that start with the banner; a folder of neither is left to clocklab's reader
     * to refuse.
     *
     * @throws LogFormatException  when the logs mix the two formats
     * @throws NoSuchFileException when a path does not exist
     */
    public static LogFormat detect(List<Path> paths) throws IOException {
        Path jsonl = null;
        Path exercise = null;
        for (Path path : paths) {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    listing.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                throw new NoSuchFileException(path.toString(), null, "no such log file or folder");
            }
            boolean inFolder = Files.isDirectory(path);
            for (Path file : files) {
                LogFormat format = of(file, inFolder);
                if (format == JSONL && jsonl == null) {
                    jsonl = file;
                } else if (format == EXERCISE && exercise == null) {
                    exercise = file;
                }
            }
        }
        if (jsonl != null && exercise != null) {
            throw new LogFormatException(exercise, 0, "is one of the exercise's text logs but " + jsonl
                    + " is a clocklab JSON Lines log: give the logs of one run, in one format");
        }
        return exercise != null ? EXERCISE : JSONL;
    }

    /** A file's format; null for a file in a folder that is neither (a run.json, notes). */
    private static LogFormat of(Path file, boolean inFolder) throws IOException {
        if (ExerciseLog.startsWithBanner(file)) {
            return EXERCISE;
        }
        if (file.getFileName().toString().endsWith(EventLogFiles.EXTENSION)) {
            return JSONL;
        }
        if (inFolder) {
            return null;
        }
        return firstLineStartsWithBrace(file) ? JSONL : EXERCISE;
    }

    private static boolean firstLineStartsWithBrace(Path file) throws IOException {
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    return line.strip().startsWith("{");
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            return true; // the JSON Lines reader names the line that is not UTF-8
        }
        return true;
    }
}
