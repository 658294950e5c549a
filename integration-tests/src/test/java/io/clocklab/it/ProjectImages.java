package io.clocklab.it;

import org.testcontainers.images.builder.ImageFromDockerfile;

import java.nio.file.Path;
import java.util.Map;

/**
 * The project's images, built once per test JVM from its real Dockerfile (one target each), under the names that
 * docker-compose.yml uses (so the compose test runs exactly these). Not deleted afterwards: the
 * layer cache makes the next build take seconds.
 */
final class ProjectImages {

    static final String VM = "clocklab/vm-service:latest";
    static final String COORDINATOR = "clocklab/coordinator:latest";

    private static final Map<String, Path> CONTEXT = DockerBuildContext.of(Repository.root());

    private ProjectImages() {
    }

    static ImageFromDockerfile vm() {
        return build(VM, "vm-service");
    }

    static ImageFromDockerfile coordinator() {
        return build(COORDINATOR, "coordinator");
    }

    /** One target of the repository's one Dockerfile, as docker-compose.yml builds it. */
    private static ImageFromDockerfile build(String name, String target) {
        ImageFromDockerfile image = new ImageFromDockerfile(name, false).withDockerfilePath("Dockerfile").withTarget(target);
        CONTEXT.forEach(image::withFileFromPath);
        return image;
    }
}
