package io.clocklab.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files {@code docker build .} would send from the repository root. Testcontainers' image
 * builder does not read {@code .dockerignore}, so this does, for the simple patterns the project
 * uses ({@code name}, {@code dir/name}, {@code **}{@code /name}, {@code *.ext}), and the tests
 * build from the same context as a user.
 */
final class DockerBuildContext {

    private DockerBuildContext() {
    }

    /** Every file to send, by its path relative to the root ('/'-separated). */
    static Map<String, Path> of(Path root) {
        List<PathMatcher> ignored = ignorePatterns(root);
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                Path relative = root.relativize(file);
                if (!isIgnored(relative, ignored)) {
                    files.put(relative.toString().replace('\\', '/'), file);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static boolean isIgnored(Path relative, List<PathMatcher> ignored) {
        // A path is ignored when it, or any folder above it, matches a pattern.
        for (int depth = 1; depth <= relative.getNameCount(); depth++) {
            Path prefix = relative.subpath(0, depth);
            if (ignored.stream().anyMatch(m -> m.matches(prefix))) {
                return true;
            }
        }
        return false;
    }

    private static List<PathMatcher> ignorePatterns(Path root) {
        Path file = root.resolve(".dockerignore");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .flatMap(pattern -> pattern.startsWith("**/")
                            ? Stream.of(pattern, pattern.substring(3)) // '**/x' also means 'x' at the top
                            : Stream.of(pattern))
                    .map(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
