package io.clocklab.coordinator.cli;

import io.clocklab.core.model.RandomRange;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code analyze}, {@code check} and {@code export}: log paths, and the options
 * {@code --out DIR}, {@code --random-range N} and {@code --format F}.
 *
 * @param out    null when not given
 * @param format null when not given
 */
record CommandArguments(List<Path> logs, Path out, int randomRange, String format) {

    static CommandArguments parse(List<String> args, int defaultRandomRange) throws UsageException {
        List<Path> logs = new ArrayList<>();
        Path out = null;
        int randomRange = defaultRandomRange;
        String format = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--format" -> format = value(args, ++i, arg);
                case "--random-range" -> {
                    String value = value(args, ++i, arg);
                    try {
                        randomRange = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--random-range takes a whole number, got '" + value + "'");
                    }
                    String problem = RandomRange.problem("--random-range", randomRange);
                    if (problem != null) {
                        throw new UsageException(problem);
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    Path path = Path.of(arg);
                    if (!Files.exists(path)) {
                        throw new UsageException("no such file or folder: " + arg);
                    }
                    logs.add(path);
                }
            }
        }
        if (logs.isEmpty()) {
            throw new UsageException("give at least one log folder or .jsonl file");
        }
        return new CommandArguments(List.copyOf(logs), out, randomRange, format);
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
