package io.clocklab.vm.run;

import io.clocklab.core.control.ClockView;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A VM restarted over the same log folder rejoins its run: same log file, next seq, clock no lower, the seeded rolls, the original grid. */
class RecoveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Peers nobody listens at: what vm1 sends stays with its links, and nothing comes in. */
    private static final List<Peer> SILENT_PEERS = List.of(new Peer("vm2", "127.0.0.1:1"), new Peer("vm3", "127.0.0.1:1"));

    @TempDir
    Path logs;
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void closeAll() {
        nodes.forEach(Node::close);
    }

    private Node node() {
        Node node = new Node("vm1", logs);
        nodes.add(node);
        return node;
    }

    @Test
    void aLogLineTheCheckerWouldRefuseStopsTheRejoinNamingTheFileAndLine() throws IOException {
        String runId = VmClient.newRunId();
        RunSetup setup = new RunSetup(runId, SILENT_PEERS, 50, 10, 5);
        Node first = node();
        first.runtime.setUp(setup);
        first.runtime.start(new RunStart(runId, Instant.now(), 30));
        await().atMost(PATIENCE).until(() -> first.log(runId).size() >= 5);
        first.close();
        Path file = logs.resolve(runId).resolve("vm1.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replaceFirst("\"logicalClock\":(\\d+)", "\"logicalClock\":$1.5"));
        Files.write(file, lines);

        Node second = node();

        assertThatThrownBy(() -> second.runtime.setUp(setup)).as("the same strict parser as the coordinator's")
                .hasMessageContaining(file + ":3").hasMessageContaining("logicalClock");
    }

    @Test
    void aRecoveredVmGoesOnWithTheNextSeqAHigherClockAndTheSeededRolls() throws IOException {
        String runId = VmClient.newRunId();
        RunSetup setup = new RunSetup(runId, SILENT_PEERS, 50, 10, 5);
        Instant t0 = Instant.now();
        Node first = node();
        first.runtime.setUp(setup);
        first.runtime.start(new RunStart(runId, t0, 30));
        await().atMost(PATIENCE).until(() -> first.log(runId).size() >= 30);
        first.close();
        List<Event> before = first.log(runId);
        byte[] fileBefore = Files.readAllBytes(logs.resolve(runId).resolve("vm1.jsonl"));

        Node second = node();
        ClockView rejoined = second.runtime.setUp(setup);
        assertThat(rejoined).isEqualTo(new ClockView("vm1", before.get(before.size() - 1).logicalClock(), 50, 0, VmState.WAITING, runId));
        second.runtime.start(new RunStart(runId, t0, 30));
        await().atMost(PATIENCE).until(() -> second.log(runId).size() >= before.size() + 30);
        second.runtime.stop(runId);

        List<Event> after = second.log(runId);
        byte[] fileAfter = Files.readAllBytes(logs.resolve(runId).resolve("vm1.jsonl"));
        assertThat(java.util.Arrays.copyOf(fileAfter, fileBefore.length)).as("appended, never rewritten").isEqualTo(fileBefore);
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i).seq()).isEqualTo(i + 1L);
        }
        assertThat(after.get(before.size()).logicalClock()).isGreaterThan(before.get(before.size() - 1).logicalClock());
        assertThat(RunChecker.check(Map.of("vm1", after)).violations()).as("no gap, no burst, clocks rising").isEmpty();

        // Nothing came in, so every event is a roll: the same rolls as a run that never stopped.
        String reference = VmClient.newRunId();
        Node uninterrupted = node();
        uninterrupted.runtime.setUp(new RunSetup(reference, SILENT_PEERS, 50, 10, 5));
        uninterrupted.runtime.start(new RunStart(reference, Instant.now(), 30));
        await().atMost(PATIENCE).until(() -> uninterrupted.log(reference).size() >= after.size());
        uninterrupted.runtime.stop(reference);
        assertThat(types(after)).isEqualTo(types(uninterrupted.log(reference)).subList(0, after.size()));
    }

    @Test
    void aRecoveredVmResendsWhatItSentAndReportsItUnconfirmedUntilThePeerAnswers() {
        String runId = VmClient.newRunId();
        RunSetup setup = new RunSetup(runId, SILENT_PEERS, 50, 3, 8);
        Node first = node();
        first.runtime.setUp(setup);
        first.runtime.start(new RunStart(runId, Instant.now(), 30));
        await().atMost(PATIENCE).until(() -> first.sentTo(runId, "vm2").size() >= 5 && first.sentTo(runId, "vm3").size() >= 5);
        first.runtime.stop(runId);
        List<String> toVm2 = first.sentTo(runId, "vm2");
        List<String> toVm3 = first.sentTo(runId, "vm3");
        Map<String, SentRange> unconfirmed = Map.of("vm2", new SentRange(0, last(toVm2)), "vm3", new SentRange(0, last(toVm3)));
        assertThat(first.runtime.delivery(runId).unconfirmed()).as("everything sent to each").isEqualTo(unconfirmed);
        first.close();

        Node second = node();
        second.runtime.setUp(setup);
        assertThat(second.runtime.delivery(runId).unconfirmed()).as("the same, from the log").isEqualTo(unconfirmed);
        assertThat(second.runtime.delivery(runId).queued()).isEmpty();
    }

    @Test
    void aRecoveredRunWhoseEndHasPassedIsStoppedAtOnce() {
        String runId = VmClient.newRunId();
        RunSetup setup = new RunSetup(runId, List.of(), 20, 10, 3);
        Instant t0 = Instant.now();
        Node first = node();
        first.runtime.setUp(setup);
        first.runtime.start(new RunStart(runId, t0, 1));
        await().atMost(PATIENCE).until(() -> first.runtime.view().state() == VmState.STOPPED);
        first.close();
        int events = first.log(runId).size();

        Node second = node();
        second.runtime.setUp(setup);
        assertThat(second.runtime.start(new RunStart(runId, t0, 1)).state()).isEqualTo(VmState.STOPPED);
        assertThat(second.log(runId)).hasSize(events);
    }

    @Test
    void aRecoveredVmTicksOnTheOriginalGrid() {
        String runId = VmClient.newRunId();
        RunSetup setup = new RunSetup(runId, List.of(), 10, 10, 3);
        Instant t0 = Instant.now();
        Node first = node();
        first.runtime.setUp(setup);
        first.runtime.start(new RunStart(runId, t0, 30));
        await().atMost(PATIENCE).until(() -> first.log(runId).size() >= 3);
        first.close();
        int before = first.log(runId).size();

        Node second = node();
        second.runtime.setUp(setup);
        second.runtime.start(new RunStart(runId, t0, 30));
        await().atMost(PATIENCE).until(() -> second.log(runId).size() >= before + 9);
        second.runtime.stop(runId);

        // the median lateness within its 100 ms slot of the grid of t0 (a random phase would put it near 50)
        List<Long> intoSlot = second.log(runId).subList(before, before + 9).stream()
                .map(event -> Duration.between(t0, event.systemTime()).toMillis() % 100).sorted().toList();
        assertThat(intoSlot.get(4)).as("ticks land early in the original grid's slots: %s", intoSlot).isLessThan(40);
    }

    private static long last(List<String> ids) {
        return MessageIds.seqOf(ids.get(ids.size() - 1));
    }

    private static List<EventType> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }
}
