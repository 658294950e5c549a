package io.clocklab.core.log;

import io.clocklab.core.check.Rule;
import io.clocklab.core.check.RunJoin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The formats a run's logs are read in: clocklab's own, the logical-clocks exercise's text logs, and ShiViz's. */
public enum LogFormat {

    /** One JSON object per line, one {@code <vm>.jsonl} per VM ({@link EventLogFiles}). */
    JSONL("jsonl", true, "clocklab's JSON Lines logs", List.of(), null),
    /** The exercise's text logs, one file per machine ({@link ExerciseLog}): no message ids, senders or recipients. */
    EXERCISE("exercise", false, "the exercise's text logs", RunJoin.MESSAGE_RULES, "no message ids"),
    /**
     * ShiViz's format, vector clocks ({@link ShivizLogs}): the messages are reconstructed from the clocks,
     * so they are named; but a message nobody received leaves no trace (so CONSERVATION cannot be
     * checked), and the format has no rates (so RATE_LIMIT cannot either).
     */
    SHIVIZ("shiviz", true, "a ShiViz log (vector clocks)", List.of(Rule.CONSERVATION, Rule.RATE_LIMIT),
            "vector clocks only: a message nobody received is not in them, and there are no rates");

    private final String option;
    private final boolean namesMessages;
    private final String title;
    private final List<Rule> notCheckable;
    private final String notCheckableBecause;

    LogFormat(String option, boolean namesMessages, String title, List<Rule> notCheckable, String notCheckableBecause) {
        this.option = option;
        this.namesMessages = namesMessages;
        this.title = title;
        this.notCheckable = notCheckable;
        this.notCheckableBecause = notCheckableBecause;
    }

    /** What the logs are, for people: "clocklab's JSON Lines logs". */
    public String title() {
        return title;
    }

    /** The rules logs of this format cannot be checked for (reported as such, never as kept); empty for clocklab's own. */
    public List<Rule> notCheckable() {
        return notCheckable;
    }

    /** Why {@link #notCheckable()} cannot be checked, in a few words; null when every rule can. */
    public String notCheckableBecause() {
        return notCheckableBecause;
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
        throw new IllegalArgumentException("no log format '" + name + "'; the logs are read as exercise, jsonl or shiviz");
    }

    /**
     * The format of the logs the paths name. A file whose first non-blank line is
     * {@value ExerciseLog#BANNER} is the exercise's; a {@code .jsonl} file is clocklab's; any other
     * file given by name is a ShiViz log if its first non-blank line is a parsing expression naming the
     * group {@code (?<host>...)} or its first or second non-blank line is {@code host {...}} (a vector
     * clock), else clocklab's if its first non-blank line starts with '{', else the exercise's (whose
     * reader then says what is missing). A folder counts its {@code .jsonl} files and the files in it that
     * start with the banner (never ShiViz logs: give those by name); a folder of neither is left to
     * clocklab's reader to refuse.
     *
     * @throws LogFormatException  when the logs mix formats
     * @throws NoSuchFileException when a path does not exist
     */
    public static LogFormat detect(List<Path> paths) throws IOException {
        Map<LogFormat, Path> found = new EnumMap<>(LogFormat.class);
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
                if (format != null) {
                    found.putIfAbsent(format, file);
                }
            }
        }
        if (found.size() > 1) {
            List<LogFormat> formats = List.copyOf(found.keySet());
            LogFormat second = formats.get(1);
            LogFormat first = formats.get(0);
            throw new LogFormatException(found.get(second), 0, "is " + article(second) + " but " + found.get(first) + " is "
                    + article(first) + ": give the logs of one run, in one format");
        }
        return found.isEmpty() ? JSONL : found.keySet().iterator().next();
    }

    private static String article(LogFormat format) {
        return switch (format) {
            case JSONL -> "a clocklab JSON Lines log";
            case EXERCISE -> "one of the exercise's text logs";
            case SHIVIZ -> "a ShiViz log";
        };
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
        if (ShivizLogs.looksLikeShiviz(file)) {
            return SHIVIZ;
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
