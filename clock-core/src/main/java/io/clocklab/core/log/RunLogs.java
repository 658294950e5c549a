package io.clocklab.core.log;

import io.clocklab.core.model.RandomRange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.clocklab.core.archive.ArchiveJson;
import io.clocklab.core.archive.Run;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.MeasuredRate;
import io.clocklab.core.run.RunData;
import io.clocklab.core.run.RunEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run read back from its log files ({@link EventLogFiles#open}: streamed, not held in memory). Its settings come from the
 * {@value #RUN_FILE} the coordinator writes beside the logs, looked for in each folder given and in
 * the folder of each file given. Without one they are inferred: the run id is the folder's name,
 * each VM's rate is its measured event rate rounded to the nearest whole number (at least 1), the
 * roll range is the caller's default, and the run counts as finished.
 * <p>
 * A {@value #RUN_FILE} may also hold the run's {@code outages} and its {@code endState} (written
 * since the coordinator tracks them); absent or null they mean no outages and no end state.
 */
public final class RunLogs {

    /** {@link Run#FILE}: the run's record beside its logs. */
    public static final String RUN_FILE = Run.FILE;
    public static final int DEFAULT_RANDOM_RANGE = 10;

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
        RandomRange.require(randomRange);
        RunEvents events = EventLogFiles.open(paths);
        Run settings = runFile(paths);
        if (settings != null) {
            return new RunData(settings.id(), settings.clockRates(), settings.randomRange(), !settings.isRunning(),
                    events.inOrder(List.copyOf(settings.clockRates().keySet())), settings.outages(), settings.endState(),
                    settings.clockSkew());
        }
        Map<String, Integer> rates = new LinkedHashMap<>();
        try {
            for (String vm : events.vms()) {
                rates.put(vm, (int) Math.max(1, Math.round(measuredRate(events, vm))));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new RunData(inferredRunId(paths), rates, randomRange, true, events, List.of(), null);
    }

    /**
     * The run in the given format; null means {@link LogFormat#detect the one the logs are in}. The
     * exercise's text logs are read by {@link ExerciseLogs#load}, ShiViz logs by {@link ShivizLogs#load}
     * (for neither is a {@value #RUN_FILE} looked for), clocklab's by {@link #load(List, int)}.
     *
     * @throws LogFormatException for a bad log, or logs that mix the formats (when detected)
     */
    public static RunData load(List<Path> paths, int randomRange, LogFormat format) throws IOException {
        LogFormat chosen = format != null ? format : LogFormat.detect(paths);
        return switch (chosen) {
            case EXERCISE -> ExerciseLogs.load(paths, randomRange);
            case SHIVIZ -> ShivizLogs.load(paths, randomRange).data();
            case JSONL -> load(paths, randomRange);
        };
    }

    private static Run runFile(List<Path> paths) throws IOException {
        Set<Path> candidates = new LinkedHashSet<>();
        for (Path path : paths) {
            Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
            if (folder != null && Files.isRegularFile(folder.resolve(RUN_FILE))) {
                candidates.add(folder.resolve(RUN_FILE).toAbsolutePath().normalize());
            }
        }
        Run chosen = null;
        Path chosenFrom = null;
        for (Path candidate : candidates) {
            Run read = readRunFile(candidate);
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

    /**
     * The file as the coordinator's {@link Run} record, the one definition of {@value #RUN_FILE}. A
     * file may have been written by hand or damaged, so it is first checked field by field, to
     * refuse it naming the field: the fields the analysis needs, the outages and the end state.
     */
    private static Run readRunFile(Path file) throws IOException {
        JsonNode root;
        try {
            root = ArchiveJson.MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new LogFormatException(file, 0, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LogFormatException(file, 0, "not a JSON object");
        }
        requireText(file, root, "id");
        requireText(file, root, "state");
        JsonNode range = root.path("randomRange");
        if (!range.canConvertToInt() || !range.isIntegralNumber() || range.intValue() < 1) {
            throw new LogFormatException(file, 0, "field randomRange must be a whole number of at least 1, got " + describe(range));
        }
        JsonNode ratesNode = root.path("clockRates");
        if (!ratesNode.isObject() || ratesNode.isEmpty()) {
            throw new LogFormatException(file, 0, "field clockRates must be an object of VM name to rate, got " + describe(ratesNode));
        }
        for (var it = ratesNode.fields(); it.hasNext(); ) {
            var entry = it.next();
            JsonNode rate = entry.getValue();
            if (!rate.isIntegralNumber() || !rate.canConvertToInt() || rate.intValue() < 1) {
                throw new LogFormatException(file, 0, "field clockRates." + entry.getKey() + " must be a whole number of at least 1, got "
                        + describe(rate));
            }
        }
        checkOutages(file, root.path("outages"));
        checkEndState(file, root.path("endState"));
        try {
            return ArchiveJson.MAPPER.treeToValue(root, Run.class);
        } catch (JsonProcessingException e) {
            throw new LogFormatException(file, 0, "field " + field(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Where in the file Jackson stopped, as a field path such as {@code outages[0].cause}. */
    private static String field(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "(the whole file)";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** {@code [{"vm":"vm2","from":"2026-..Z","to":"2026-..Z" or null,"cause":"restarted"}]}; absent or null: none. */
    private static void checkOutages(Path file, JsonNode node) throws LogFormatException {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isArray()) {
            throw new LogFormatException(file, 0, "field outages must be an array, got " + describe(node));
        }
        for (int i = 0; i < node.size(); i++) {
            String field = "outages[" + i + "]";
            JsonNode outage = node.get(i);
            if (!outage.isObject()) {
                throw new LogFormatException(file, 0, "field " + field + " must be an object, got " + describe(outage));
            }
            requireText(file, outage, "vm", field + ".vm");
            Instant from = instant(file, outage.path("from"), field + ".from", false);
            Instant to = instant(file, outage.path("to"), field + ".to", true);
            JsonNode cause = outage.path("cause");
            if (!cause.isMissingNode() && !cause.isNull() && !cause.isTextual()) {
                throw new LogFormatException(file, 0, "field " + field + ".cause must be a string, got " + describe(cause));
            }
            if (to != null && to.isBefore(from)) {
                throw new LogFormatException(file, 0, "field " + field + " ends (" + to + ") before it starts (" + from + ")");
            }
        }
    }

    private static Instant instant(Path file, JsonNode node, String field, boolean nullable) throws LogFormatException {
        if (nullable && (node.isMissingNode() || node.isNull())) {
            return null;
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new LogFormatException(file, 0, "field " + field + " must be an ISO-8601 instant such as \"2026-11-21T10:00:05.25Z\""
                + (nullable ? " or null" : "") + ", got " + describe(node));
    }

    /** {@code {"queued":{"vm1":["vm2-17"]},"unconfirmed":{"vm2":{"vm3":{"after":39,"upTo":40}}}}}; absent or null: not collected. */
    private static void checkEndState(Path file, JsonNode node) throws LogFormatException {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new LogFormatException(file, 0, "field endState must be an object, got " + describe(node));
        }
        JsonNode queuedNode = node.path("queued");
        if (!queuedNode.isMissingNode() && !queuedNode.isNull()) {
            if (!queuedNode.isObject()) {
                throw new LogFormatException(file, 0, "field endState.queued must be an object of VM name to message ids, got "
                        + describe(queuedNode));
            }
            for (var it = queuedNode.fields(); it.hasNext(); ) {
                var entry = it.next();
                ids(file, entry.getValue(), "endState.queued." + entry.getKey());
            }
        }
        JsonNode unconfirmedNode = node.path("unconfirmed");
        if (!unconfirmedNode.isMissingNode() && !unconfirmedNode.isNull()) {
            if (!unconfirmedNode.isObject()) {
                throw new LogFormatException(file, 0, "field endState.unconfirmed must be an object of sender to recipient to sent range, got "
                        + describe(unconfirmedNode));
            }
            for (var senders = unconfirmedNode.fields(); senders.hasNext(); ) {
                var sender = senders.next();
                String field = "endState.unconfirmed." + sender.getKey();
                if (!sender.getValue().isObject()) {
                    throw new LogFormatException(file, 0, "field " + field + " must be an object of recipient to sent range, got "
                            + describe(sender.getValue()));
                }
                for (var recipients = sender.getValue().fields(); recipients.hasNext(); ) {
                    var recipient = recipients.next();
                    checkSentRange(file, sender.getKey(), recipient.getValue(), field + "." + recipient.getKey());
                }
            }
        }
    }

    /**
     * {@code {"after":40,"upTo":57}}; or, as {@code run.json} had it before ranges, the list of ids
     * (every message to that recipient from the first to the last), which is the same range.
     */
    private static void checkSentRange(Path file, String sender, JsonNode node, String field) throws LogFormatException {
        if (node.isArray()) {
            try {
                SentRange.ofIds(sender, ids(file, node, field));
                return;
            } catch (IllegalArgumentException e) {
                throw new LogFormatException(file, 0, "field " + field + ": " + e.getMessage());
            }
        }
        JsonNode after = node.path("after");
        JsonNode upTo = node.path("upTo");
        if (!node.isObject() || !isSeq(after) || !isSeq(upTo)) {
            throw new LogFormatException(file, 0, "field " + field + " must be a sent range such as {\"after\":40,\"upTo\":57}"
                    + " (seqs, at least 0), got " + describe(node));
        }
    }

    private static boolean isSeq(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0;
    }

    private static List<String> ids(Path file, JsonNode node, String field) throws LogFormatException {
        if (!node.isArray()) {
            throw new LogFormatException(file, 0, "field " + field + " must be an array of message ids, got " + describe(node));
        }
        List<String> ids = new ArrayList<>(node.size());
        for (JsonNode id : node) {
            if (!id.isTextual()) {
                throw new LogFormatException(file, 0, "field " + field + " must hold message ids (strings), got " + describe(id));
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static String requireText(Path file, JsonNode root, String field) throws LogFormatException {
        return requireText(file, root, field, field);
    }

    private static String requireText(Path file, JsonNode object, String field, String name) throws LogFormatException {
        JsonNode node = object.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new LogFormatException(file, 0, "field " + name + " must be a non-empty string, got " + describe(node));
        }
        return node.asText();
    }

    private static String describe(JsonNode node) {
        return node.isMissingNode() ? "nothing" : node.toString();
    }

    private static double measuredRate(RunEvents events, String vm) {
        long count = 0;
        Instant first = null;
        Instant last = null;
        try (EventCursor cursor = events.open(vm)) {
            for (Event event = cursor.next(); event != null; event = cursor.next()) {
                first = first == null ? event.systemTime() : first;
                last = event.systemTime();
                count++;
            }
        }
        return MeasuredRate.of(count, first, last);
    }

    /** The name of the folder of the first path (a file's folder), or "run". */
    static String inferredRunId(List<Path> paths) {
        List<Path> folders = new ArrayList<>();
        for (Path path : paths) {
            folders.add(Files.isDirectory(path) ? path.toAbsolutePath().normalize() : path.toAbsolutePath().normalize().getParent());
        }
        Path folder = folders.get(0);
        return folder == null || folder.getFileName() == null ? "run" : folder.getFileName().toString();
    }
}
