package io.clocklab.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's own files are: the folder with docker-compose.yml, above the module. */
final class Repository {

    private static final Path ROOT = locate();

    private Repository() {
    }

    static Path root() {
        return ROOT;
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (docker-compose.yml and mvnw) above " + Path.of("").toAbsolutePath());
    }
}
