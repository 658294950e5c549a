package io.clocklab.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clocklab.core.analysis.MeasuredRate;
import io.clocklab.core.analysis.RunData;
import io.clocklab.core.model.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run read back from its log files ({@link EventLogFiles#read}). Its settings come from the
 * {@value #RUN_FILE} the coordinator writes beside the logs, looked for in each folder given and in
 * the folder of each file given. Without one they are inferred: the run id is the folder's name,
 * each VM's rate is its measured event rate rounded to the nearest whole number (at least 1), the
 * roll range is the caller's default, and the run counts as finished.
 */
public final class RunLogs {

    public static final String RUN_FILE = "run.json";
    public static final int DEFAULT_RANDOM_RANGE = 10;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunLogs() {
    }

    public static RunData load(List<Path> paths) throws IOException {
        return load(paths, DEFAULT_RANDOM_RANGE);
    }

    /**
     * @param randomRange the roll range to assume when there is no {@value #RUN_FILE}
     * @throws LogFormatException for a bad log line (see {@link EventLogFiles#read}) or a bad or
     *                            conflicting {@value #RUN_FILE}, naming the file and field
     */
    public static RunData load(List<Path> paths, int randomRange) throws IOException {
        if (randomRange < 1) {
            throw new IllegalArgumentException("randomRange must be at least 1, got " + randomRange);
        }
        Map<String, List<Event>> events = EventLogFiles.read(paths);
        RunFile settings = runFile(paths);
        if (settings != null) {
            return new RunData(settings.id(), settings.clockRates(), settings.randomRange(), settings.finished(),
                    inRateOrder(settings.clockRates(), events));
        }
        Map<String, Integer> rates = new LinkedHashMap<>();
        events.forEach((vm, log) -> rates.put(vm, (int) Math.max(1, Math.round(MeasuredRate.of(log)))));
        return new RunData(inferredRunId(paths), rates, randomRange, true, events);
    }

    private record RunFile(String id, Map<String, Integer> clockRates, int randomRange, boolean finished) {
    }

    private static RunFile runFile(List<Path> paths) throws IOException {
        Set<Path> candidates = new LinkedHashSet<>();
        for (Path path : paths) {
            Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
            if (folder != null && Files.isRegularFile(folder.resolve(RUN_FILE))) {
                candidates.add(folder.resolve(RUN_FILE).toAbsolutePath().normalize());
            }
        }
        RunFile chosen = null;
        Path chosenFrom = null;
        for (Path candidate : candidates) {
            RunFile read = readRunFile(candidate);
            if (chosen != null && !chosen.id().equals(read.id())) {
                throw new LogFormatException(candidate, 0, "is for run " + read.id() + " but " + chosenFrom + " is for run "
                        + chosen.id() + ": give the logs of one run");
            }
            if (chosen == null) {
                chosen = read;
                chosenFrom = candidate;
            }
        }
        return chosen;
    }

    private static RunFile readRunFile(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new LogFormatException(file, 0, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LogFormatException(file, 0, "not a JSON object");
        }
        String id = requireText(file, root, "id");
        String state = requireText(file, root, "state");
        JsonNode range = root.path("randomRange");
        if (!range.canConvertToInt() || !range.isIntegralNumber() || range.intValue() < 1) {
            throw new LogFormatException(file, 0, "field randomRange must be a whole number of at least 1, got " + describe(range));
        }
        JsonNode ratesNode = root.path("clockRates");
        if (!ratesNode.isObject() || ratesNode.isEmpty()) {
            throw new LogFormatException(file, 0, "field clockRates must be an object of VM name to rate, got " + describe(ratesNode));
        }
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (var it = ratesNode.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode rate = entry.getValue();
            if (!rate.isIntegralNumber() || !rate.canConvertToInt() || rate.intValue() < 1) {
                throw new LogFormatException(file, 0, "field clockRates." + entry.getKey() + " must be a whole number of at least 1, got "
                        + describe(rate));
            }
            rates.put(entry.getKey(), rate.intValue());
        }
        return new RunFile(id, rates, range.intValue(), !"RUNNING".equals(state));
    }

    private static String requireText(Path file, JsonNode root, String field) throws LogFormatException {
        JsonNode node = root.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new LogFormatException(file, 0, "field " + field + " must be a non-empty string, got " + describe(node));
        }
        return node.asText();
    }

    private static String describe(JsonNode node) {
        return node.isMissingNode() ? "nothing" : node.toString();
    }

    /** The logs keyed in the rates' order (the VMs' fixed order), then any VM that has no rate. */
    private static Map<String, List<Event>> inRateOrder(Map<String, Integer> rates, Map<String, List<Event>> events) {
        Map<String, List<Event>> ordered = new LinkedHashMap<>();
        rates.keySet().forEach(vm -> ordered.put(vm, events.getOrDefault(vm, List.of())));
        events.forEach(ordered::putIfAbsent);
        return ordered;
    }

    private static String inferredRunId(List<Path> paths) {
        List<Path> folders = new ArrayList<>();
        for (Path path : paths) {
            folders.add(Files.isDirectory(path) ? path.toAbsolutePath().normalize() : path.toAbsolutePath().normalize().getParent());
        }
        Path folder = folders.get(0);
        return folder == null || folder.getFileName() == null ? "run" : folder.getFileName().toString();
    }
}
