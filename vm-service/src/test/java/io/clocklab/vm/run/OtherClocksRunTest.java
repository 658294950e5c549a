package io.clocklab.vm.run;

import io.clocklab.core.causality.CausalOrder;
import io.clocklab.core.check.RunChecker;
import io.clocklab.core.control.Peer;
import io.clocklab.core.control.RunSetup;
import io.clocklab.core.control.RunStart;
import io.clocklab.core.control.VmState;
import io.clocklab.core.model.ClockKind;
import io.clocklab.core.model.ClockSkew;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Hlc;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.VectorTime;
import io.clocklab.core.run.RunEvents;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.Node;
import io.clocklab.vm.VmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Two real VMs (runtime, side port, TCP over loopback, log files) in vector and hybrid runs. */
class OtherClocksRunTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path logs;
    private final String runId = VmClient.newRunId();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(Node::close);
    }

    @Test
    void aVectorRunsCarriedVectorsAreTheOnesItsMessagesImply() {
        Map<String, List<Event>> logsByVm = run(ClockKind.VECTOR, Map.of());
        List<String> vms = List.of("vmA", "vmB");
        Map<String, Long> receives = new HashMap<>();
        Map<String, Event> byKey = new LinkedHashMap<>();
        logsByVm.values().forEach(events -> events.forEach(e -> {
            byKey.put(CausalOrder.key(e.vm(), e.seq()), e);
            assertThat(e.vectorClock()).as("%s", e).isNotNull();
            assertThat(e.vectorClock().get(e.vm())).isEqualTo(e.seq());
            receives.merge(e.vm(), e.type() == EventType.RECEIVE ? 1L : 0L, Long::sum);
        }));
        assertThat(receives.values()).as("both VMs received").allMatch(n -> n > 0);
        Map<String, long[]> derived = CausalOrder.vectors(vms, RunEvents.of(logsByVm), byKey.keySet());
        byKey.forEach((key, event) -> {
            Map<String, Long> counts = new HashMap<>();
            long[] vector = derived.get(key);
            for (int i = 0; i < vms.size(); i++) {
                if (vector[i] > 0) {
                    counts.put(vms.get(i), vector[i]);
                }
            }
            assertThat(event.vectorClock()).as(key).isEqualTo(new VectorTime(counts));
        });
    }

    @Test
    void aHybridRunWithASkewedVmStaysWithinItsBound() {
        ClockSkew ahead = new ClockSkew(300, 0);
        Map<String, List<Event>> logsByVm = run(ClockKind.HYBRID, Map.of("vmB", ahead));
        long epsilon = ClockSkew.epsilonMillis(List.of(ClockSkew.NONE, ahead), Duration.ofSeconds(2));
        assertThat(epsilon).isEqualTo(300);
        long pulled = 0;
        for (List<Event> events : logsByVm.values()) {
            Hlc previous = null;
            for (Event event : events) {
                Hlc hlc = event.hlc();
                long pt = event.systemTime().toEpochMilli();
                assertThat(hlc.l()).as("%s", event).isGreaterThanOrEqualTo(pt).isLessThanOrEqualTo(pt + epsilon);
                if (previous != null) {
                    assertThat(hlc.l() > previous.l() || hlc.l() == previous.l() && hlc.c() > previous.c()).as("monotonic at %s", event).isTrue();
                }
                previous = hlc;
                if (event.vm().equals("vmA") && hlc.l() - pt > 200) {
                    pulled++;
                }
            }
        }
        assertThat(pulled).as("vmB's 300 ms lead reached vmA through its messages").isPositive();
        Event first = logsByVm.get("vmB").get(0);
        Event firstA = logsByVm.get("vmA").get(0);
        assertThat(Duration.between(firstA.systemTime(), first.systemTime()).toMillis()).as("vmB logs its own, skewed time")
                .isBetween(250L, 350L);
    }

    @Test
    void aMessageWithoutTheRunsTimeIsRefusedAsWrongClock() throws IOException {
        Node vmB = node("vmB");
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", "127.0.0.1:1")), 50, 10, 3, ClockKind.VECTOR, null));
        vmB.runtime.start(new RunStart(runId, Instant.now(), null));
        // one connection after the other: a sender's new HELLO replaces its older connection, which may then go unread
        try (Socket lamport = FakePeer.write(vmB.port(), FakePeer.CODEC.encode(new io.clocklab.core.wire.Frame.Hello(runId, "vmA", "vmB")),
                FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-1", 5)))) {
            await().atMost(PATIENCE).until(() -> vmB.rejected("wrong_clock") == 1);
        }
        try (Socket stranger = FakePeer.write(vmB.port(), FakePeer.CODEC.encode(new io.clocklab.core.wire.Frame.Hello(runId, "vmA", "vmB")),
                FakePeer.CODEC.encode(new Message(runId, "vmA", "vmA-2", 5, new VectorTime(Map.of("vmA", 2L, "vmZ", 1L)))))) {
            await().atMost(PATIENCE).until(() -> vmB.rejected("wrong_clock") == 2);
        }
        assertThat(vmB.log(runId)).noneMatch(e -> e.type() == EventType.RECEIVE);
        assertThat(vmB.runtime.view().state()).isEqualTo(VmState.RUNNING);
    }

    @Test
    void aVectorRunWhoseFramesWouldNotFitIsRefusedAtSetUp() {
        Node small = new Node(Node.settings("vmB", logs).maxFrameBytes(300));
        nodes.add(small);
        List<Peer> peers = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            peers.add(new Peer("vm-with-a-long-name-" + i, "127.0.0.1:1"));
        }
        assertThatThrownBy(() -> small.runtime.setUp(new RunSetup(runId, peers, 5, 10, 3, ClockKind.VECTOR, null)))
                .isInstanceOf(RunConflictException.class).hasMessageContaining("over this VM's limit of 300");
        assertThat(small.runtime.view().runId()).as("no run was set up").isNull();
    }

    /** vmA and vmB, peers of each other, at 40 ticks/s for 2 s with this clock and skew. */
    private Map<String, List<Event>> run(ClockKind clock, Map<String, ClockSkew> skews) {
        Node vmA = node("vmA");
        Node vmB = node("vmB");
        vmA.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmB", vmB.address())), 40, 3, 11, clock, skews.get("vmA")));
        vmB.runtime.setUp(new RunSetup(runId, List.of(new Peer("vmA", vmA.address())), 40, 3, 12, clock, skews.get("vmB")));
        RunStart start = new RunStart(runId, Instant.now().plusMillis(200), 2);
        vmA.runtime.start(start);
        vmB.runtime.start(start);
        await().atMost(PATIENCE).until(() -> vmA.runtime.view().state() == VmState.STOPPED && vmB.runtime.view().state() == VmState.STOPPED);
        Map<String, List<Event>> logsByVm = new LinkedHashMap<>();
        logsByVm.put("vmA", vmA.log(runId));
        logsByVm.put("vmB", vmB.log(runId));
        assertThat(RunChecker.check(logsByVm).violations()).as("the exercise's rules hold in every run").isEmpty();
        return logsByVm;
    }

    private Node node(String name) {
        Node node = new Node(name, logs);
        nodes.add(node);
        return node;
    }
}
