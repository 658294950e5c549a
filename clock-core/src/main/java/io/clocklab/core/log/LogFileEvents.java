package io.clocklab.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.clocklab.core.control.Names;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.EventCursor;
import io.clocklab.core.run.RunEvents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's logs read from their files as they are needed ({@link EventLogFiles#open}). Opening scans
 * each file once for the VMs it holds and how many events each has (only the {@code vm} field is
 * looked at); a cursor then parses that VM's files line by line, so memory holds a line per file,
 * whatever the run's length. A VM's events may be spread over several files (merged by seq), and a
 * file may hold several VMs' events, but within one file each VM's events must come in seq order.
 */
final class LogFileEvents implements RunEvents {

    private static final JsonFactory JSON = JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Map<String, List<Path>> filesByVm;
    private final Map<String, Long> counts;
    private final List<String> vms;

    private LogFileEvents(Map<String, List<Path>> filesByVm, Map<String, Long> counts) {
        this.filesByVm = filesByVm;
        this.counts = counts;
        this.vms = List.copyOf(filesByVm.keySet());
    }

    /** @param files the log files, each once */
    static LogFileEvents scan(List<Path> files, Path named) throws IOException {
        Map<String, List<Path>> filesByVm = new TreeMap<>(Names.NATURAL_ORDER);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Path file : files) {
            Map<String, Long> inFile = vmsIn(file);
            if (inFile.isEmpty()) {
                filesByVm.computeIfAbsent(EventLogFiles.vmNameOf(file), vm -> new ArrayList<>());
            }
            inFile.forEach((vm, count) -> {
                filesByVm.computeIfAbsent(vm, v -> new ArrayList<>()).add(file);
                counts.merge(vm, count, Long::sum);
            });
        }
        if (counts.values().stream().mapToLong(Long::longValue).sum() == 0) {
            throw new LogFormatException(named, 0, "no events in " + files);
        }
        return new LogFileEvents(new LinkedHashMap<>(filesByVm), counts);
    }

    /** The VMs a file holds events of, with how many each; a line that is no JSON object is reported here. */
    private static Map<String, Long> vmsIn(Path file) throws IOException {
        Map<String, Long> vms = new LinkedHashMap<>();
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    vms.merge(vmOf(file, lineNumber, line), 1L, Long::sum);
                }
            }
        } catch (CharacterCodingException e) {
            throw new LogFormatException(file, lineNumber + 1, "not UTF-8 text", e);
        }
        return vms;
    }

    private static String vmOf(Path file, int lineNumber, String line) throws LogFormatException {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("vm".equals(field) && value == JsonToken.VALUE_STRING) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // the full parse below names the problem
        }
        EventJson.parse(file, lineNumber, line); // throws: no vm means no event
        throw new LogFormatException(file, lineNumber, "missing field vm");
    }

    @Override
    public List<String> vms() {
        return vms;
    }

    @Override
    public long count(String vm) {
        return counts.getOrDefault(vm, 0L);
    }

    @Override
    public EventCursor open(String vm) {
        List<FileReader> readers = new ArrayList<>();
        try {
            for (Path file : filesByVm.getOrDefault(vm, List.of())) {
                readers.add(new FileReader(file, vm));
            }
        } catch (IOException e) {
            readers.forEach(FileReader::close);
            throw new UncheckedIOException(e);
        }
        return new MergedCursor(vm, readers);
    }

    /** One file's events of one VM, checked to be in seq order. */
    private static final class FileReader {
        final Path file;
        final String vm;
        final BufferedReader in;
        int lineNumber;
        Event current;
        int currentLine;

        FileReader(Path file, String vm) throws IOException {
            this.file = file;
            this.vm = vm;
            this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        /** Moves to the next event of this VM in the file; false at the end. */
        boolean advance() throws IOException {
            Event previous = current;
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    Event event = EventJson.parse(file, lineNumber, line);
                    if (!vm.equals(event.vm())) {
                        continue;
                    }
                    if (previous != null && event.seq() <= previous.seq()) {
                        throw new LogFormatException(file, lineNumber, vm + " seq " + event.seq()
                                + (event.seq() == previous.seq() ? " is logged twice (also at " + file + ":" + currentLine + ")"
                                : " follows seq " + previous.seq() + " in the same file: each VM's events must be in seq order"));
                    }
                    current = event;
                    currentLine = lineNumber;
                    return true;
                }
            } catch (CharacterCodingException e) {
                throw new LogFormatException(file, lineNumber + 1, "not UTF-8 text", e);
            }
            current = null;
            return false;
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }

    /** A VM's events over all its files, by seq. */
    private static final class MergedCursor implements EventCursor {
        private final String vm;
        private final List<FileReader> live = new ArrayList<>();
        private final List<FileReader> all;
        private boolean started;
        private Event last;
        private FileReader lastFrom;
        private int lastLine;

        MergedCursor(String vm, List<FileReader> readers) {
            this.vm = vm;
            this.all = readers;
        }

        @Override
        public Event next() {
            try {
                if (!started) {
                    started = true;
                    for (FileReader reader : all) {
                        if (reader.advance()) {
                            live.add(reader);
                        }
                    }
                } else if (lastFrom != null && !lastFrom.advance()) {
                    live.remove(lastFrom);
                }
                FileReader lowest = null;
                for (FileReader reader : live) {
                    if (lowest == null || reader.current.seq() < lowest.current.seq()) {
                        lowest = reader;
                    }
                }
                if (lowest == null) {
                    lastFrom = null;
                    return null;
                }
                Event event = lowest.current;
                if (last != null && event.seq() == last.seq()) {
                    throw new LogFormatException(lowest.file, lowest.currentLine, vm + " seq " + event.seq()
                            + " is logged twice (also at " + lastFrom.file + ":" + lastLine + ")");
                }
                last = event;
                lastFrom = lowest;
                lastLine = lowest.currentLine;
                return event;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            all.forEach(FileReader::close);
        }
    }
}
