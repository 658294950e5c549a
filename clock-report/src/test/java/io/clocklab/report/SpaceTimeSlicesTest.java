package io.clocklab.report;

import io.clocklab.core.log.EventLogFiles;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A diagram cut from a slice of the logs draws exactly what the diagram of the whole run draws. */
class SpaceTimeSlicesTest {

    @TempDir
    Path dir;

    /** Equal rates keep the queues short, so every SEND of a drawn RECEIVE is within the slice's look-back. */
    private static Map<String, List<Event>> run() {
        return ReportFixtures.simulate(3, ReportFixtures.orderedRates("vm1", 20, "vm2", 20, "vm3", 20), 10, 6000);
    }

    private Map<String, Path> files(Map<String, List<Event>> run) throws IOException {
        EventLogFiles.write(dir, run);
        Map<String, Path> files = new LinkedHashMap<>();
        run.keySet().forEach(vm -> files.put(vm, dir.resolve(vm + ".jsonl")));
        return files;
    }

    private static Instant start(Map<String, List<Event>> run) {
        return run.values().stream().map(events -> events.get(0).systemTime()).min(Instant::compareTo).orElseThrow();
    }

    @Test
    void anyWindowFromTheFilesRendersAsFromTheWholeRun() throws IOException {
        Map<String, List<Event>> run = run();
        Instant start = start(run);
        VmColors colors = VmColors.of(List.copyOf(run.keySet()));
        SpaceTimeDiagram whole = new SpaceTimeDiagram(run, start, colors, SpaceTimeDiagram.DEFAULT_CAP);
        Map<String, Path> files = files(run);

        for (SpaceTimeWindow window : List.of(whole.defaultWindow(), SpaceTimeWindow.of(40, 45), SpaceTimeWindow.of(60, 200),
                SpaceTimeWindow.of(99, 500))) {
            SpaceTimeDiagram sliced = SpaceTimeSlices.fromFiles(files, start, colors, SpaceTimeDiagram.DEFAULT_CAP, window);

            String expected = whole.render(window);
            String actual = sliced.render(window);
            int differ = 0;
            while (differ < Math.min(expected.length(), actual.length()) && expected.charAt(differ) == actual.charAt(differ)) {
                differ++;
            }
            int from = Math.max(0, differ - 150);
            assertThat(actual).as("window %s differs at %d: expected ...%s... but got ...%s...", window, differ,
                    expected.substring(from, Math.min(expected.length(), differ + 150)),
                    actual.substring(from, Math.min(actual.length(), differ + 150))).isEqualTo(expected);
            assertThat(sliced.countIn(window)).isEqualTo(whole.countIn(window));
        }
        SpaceTimeDiagram opening = SpaceTimeSlices.fromFiles(files, start, colors, SpaceTimeDiagram.DEFAULT_CAP, null);
        assertThat(opening.defaultWindow()).isEqualTo(whole.defaultWindow());
        assertThat(opening.eventCount()).isEqualTo(whole.eventCount()).isEqualTo(6000);
        assertThat(opening.durationSeconds()).isEqualTo(whole.durationSeconds());
    }

    @Test
    void theOpeningFromStreamedLogsIsTheWholeRunsFirstWindow() {
        Map<String, List<Event>> run = run();
        Instant start = start(run);
        VmColors colors = VmColors.of(List.copyOf(run.keySet()));
        SpaceTimeDiagram whole = new SpaceTimeDiagram(run, start, colors, SpaceTimeDiagram.DEFAULT_CAP);

        Instant end = run.values().stream().map(events -> events.get(events.size() - 1).systemTime()).max(Instant::compareTo).orElseThrow();
        SpaceTimeDiagram opening = SpaceTimeSlices.opening(RunEvents.of(run), start, end, 6000, colors, SpaceTimeDiagram.DEFAULT_CAP);

        assertThat(opening.defaultWindow()).isEqualTo(whole.defaultWindow());
        assertThat(opening.render(opening.defaultWindow())).isEqualTo(whole.render(whole.defaultWindow()));
        assertThat(opening.eventCount()).isEqualTo(whole.eventCount());
        assertThat(opening.durationSeconds()).isEqualTo(whole.durationSeconds());
    }
}
