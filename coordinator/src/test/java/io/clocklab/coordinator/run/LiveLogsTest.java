package io.clocklab.coordinator.run;

import io.clocklab.coordinator.CoordinatorTestSupport;
import io.clocklab.coordinator.FakeVm;
import io.clocklab.coordinator.cluster.RegisteredVm;
import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.coordinator.vmclient.VmControlClient;
import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.RunEvents;
import io.clocklab.core.sim.NetworkDelay;
import io.clocklab.core.sim.SimulationSpec;
import io.clocklab.core.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A live run's logs copied page by page into the data directory, only what is new each time, over real HTTP. */
class LiveLogsTest {

    @TempDir
    Path data;
    FakeVm vm1;
    FakeVm vm2;
    RunArchive archive;
    LiveLogs live;

    @BeforeEach
    void setUp() throws IOException {
        vm1 = new FakeVm("vm1");
        vm2 = new FakeVm("vm2");
        CoordinatorProperties properties = new CoordinatorProperties(2, null, Duration.ofMinutes(2), 1000, false, 1, 6, 10, Duration.ofMillis(500), Duration.ofSeconds(3),
                CoordinatorTestSupport.SECRET, data, Duration.ofSeconds(15), Duration.ofSeconds(3), null);
        archive = new RunArchive(properties);
        live = new LiveLogs(new VmControlClient(properties, new ClusterSecret(CoordinatorTestSupport.SECRET), RestClient.builder()), archive);
    }

    @AfterEach
    void tearDown() {
        vm1.close();
        vm2.close();
    }

    private static Map<String, List<Event>> run(int seconds) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put("vm1", 5);
        rates.put("vm2", 3);
        return Simulator.run(new SimulationSpec("r1", rates, 10, 7, Duration.ofSeconds(seconds), NetworkDelay.fixed(Duration.ZERO),
                SimulationSpec.DEFAULT_START)).eventsByVm();
    }

    /** What a consistent copy holds: every VM's events up to the last event of the VM whose log ends first. */
    private static Map<String, List<Event>> cutAtTheFirstToStop(Map<String, List<Event>> run) {
        Instant cut = run.values().stream().map(events -> events.get(events.size() - 1).systemTime()).min(Instant::compareTo).orElseThrow();
        Map<String, List<Event>> kept = new LinkedHashMap<>();
        run.forEach((vm, events) -> kept.put(vm, events.stream().filter(e -> !e.systemTime().isAfter(cut)).toList()));
        return kept;
    }

    private List<RegisteredVm> members() {
        return List.of(new RegisteredVm(vm1.name(), vm1.httpUrl(), vm1.tcpAddress(), Instant.now()),
                new RegisteredVm(vm2.name(), vm2.httpUrl(), vm2.tcpAddress(), Instant.now()));
    }

    @Test
    void eachReadBringsTheCopyUpToDateAndStreamsIt() throws IOException {
        Map<String, List<Event>> early = run(4);
        Map<String, List<Event>> later = run(9);
        vm1.holds("r1", early.get("vm1"));
        vm2.holds("r1", early.get("vm2"));

        assertThat(live.read(members(), "r1").toMap()).isEqualTo(cutAtTheFirstToStop(early));

        vm1.holds("r1", later.get("vm1"));
        vm2.holds("r1", later.get("vm2"));
        RunEvents now = live.read(members(), "r1");

        assertThat(now.toMap()).isEqualTo(cutAtTheFirstToStop(later));
        assertThat(Files.readAllLines(archive.liveDirectory("r1").resolve("vm1.jsonl"))).hasSize(later.get("vm1").size());
    }

    @Test
    void everyVmIsCutWhereTheOneCopiedLeastFarStops() {
        Map<String, List<Event>> early = run(4);
        Map<String, List<Event>> later = run(9);
        vm1.holds("r1", early.get("vm1"));
        vm2.holds("r1", later.get("vm2"));
        Instant cut = early.get("vm1").get(early.get("vm1").size() - 1).systemTime();

        Map<String, List<Event>> read = live.read(members(), "r1").toMap();

        assertThat(read.get("vm1")).isEqualTo(early.get("vm1"));
        assertThat(read.get("vm2")).isEqualTo(later.get("vm2").stream().filter(e -> !e.systemTime().isAfter(cut)).toList())
                .hasSizeLessThan(later.get("vm2").size());
    }

    @Test
    void discardingDeletesTheCopyAndTheNextReadStartsAfresh() {
        Map<String, List<Event>> events = run(3);
        vm1.holds("r1", events.get("vm1"));
        vm2.holds("r1", events.get("vm2"));
        live.read(members(), "r1");

        live.discard("r1");

        assertThat(archive.liveDirectory("r1")).doesNotExist();
        assertThat(live.read(members(), "r1").toMap()).isEqualTo(cutAtTheFirstToStop(events));
    }
}
