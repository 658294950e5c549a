package io.clocklab.web.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints of one section of the interface contract, {@code CONTRACT.md} in the {@code shared}
 * folder beside the repository ({@code ../../shared/CONTRACT.md} from a module's folder, as CI lays it out).
 * An endpoint is a line that starts with {@code `METHOD /path`}; its status codes are the numbers
 * after "→" or "get"/"gets" up to the next endpoint, and 200 when it names none ("→ Prometheus text").
 */
public record ContractEndpoints(List<Endpoint> endpoints) {

    public static final Path FILE = Path.of("..", "..", "shared", "CONTRACT.md");

    private static final Pattern ENDPOINT = Pattern.compile("^`(GET|POST|PUT|PATCH|DELETE) (/[^`?\\s]*)[^`]*`");
    private static final Pattern STATUS = Pattern.compile("(?:→|\\bgets?)\\s+(\\d{3})\\b");

    /** One endpoint with the status codes the contract gives it. */
    public record Endpoint(String method, String path, Set<Integer> statuses) {
        public Endpoint(String method, String path, Integer... statuses) {
            this(method, path, new TreeSet<>(List.of(statuses)));
        }

        @Override
        public String toString() {
            return method + " " + path + " " + statuses;
        }
    }

    /** The endpoints under the heading {@code ## <section>} of the contract. */
    public static ContractEndpoints read(Path file, String section) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        boolean inSection = false;
        String method = null;
        String path = null;
        Set<Integer> statuses = new TreeSet<>();
        for (String line : lines) {
            if (line.startsWith("## ")) {
                add(endpoints, method, path, statuses);
                method = null;
                inSection = line.substring(3).trim().startsWith(section);
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher endpoint = ENDPOINT.matcher(line);
            if (endpoint.find()) {
                add(endpoints, method, path, statuses);
                method = endpoint.group(1);
                path = endpoint.group(2);
                statuses = new TreeSet<>();
            }
            if (method != null) {
                Matcher status = STATUS.matcher(line);
                while (status.find()) {
                    statuses.add(Integer.parseInt(status.group(1)));
                }
            }
        }
        add(endpoints, method, path, statuses);
        return new ContractEndpoints(List.copyOf(endpoints));
    }

    private static void add(List<Endpoint> endpoints, String method, String path, Set<Integer> statuses) {
        if (method != null) {
            endpoints.add(new Endpoint(method, path, statuses.isEmpty() ? new TreeSet<>(Set.of(200)) : statuses));
        }
    }
}
