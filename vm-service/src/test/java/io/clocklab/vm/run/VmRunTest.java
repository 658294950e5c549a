package io.clocklab.vm.run;

import io.clocklab.core.check.RunChecker;
import io.clocklab.core.control.Peer;
import io.clocklab.core.log.EventJson;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Message;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.VmClient;
import io.clocklab.vm.VmServiceTest;
import io.clocklab.vm.config.VmProperties;
import io.clocklab.vm.net.SidePortServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs on a real VM: real TCP to and from a fake peer, a real log file, real HTTP. Real time
 * too, so a loaded machine may stall a tick past its period and the slot is dropped (by design);
 * exact tick counts are proven on a virtual clock in {@link TickLoopTest}, here they get bounds.
 */
@VmServiceTest
class VmRunTest {

    @LocalServerPort
    int port;
    @Autowired
    SidePortServer sidePort;
    @Autowired
    VmProperties properties;

    VmClient vm;
    FakePeer peer;

    @BeforeEach
    void setUp() throws IOException {
        vm = new VmClient(port);
        peer = new FakePeer();
    }

    @AfterEach
    void tearDown() throws IOException {
        peer.close();
    }

    @Test
    void aTimedRunTicksRateTimesDurationFollowsTheRulesAndSendsOverTcp() {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(new Peer("vm2", peer.address())), 20, 2, 42);
        vm.start(runId, 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));
        List<Event> events = vm.log();

        assertThat(events).hasSizeBetween(17, 20);
        assertThat(RunChecker.check(Map.of("vm1", events)).violations()).isEmpty();
        List<Event> sends = events.stream().filter(e -> e.type() == EventType.SEND).toList();
        assertThat(sends).isNotEmpty().allSatisfy(send -> assertThat(send.to()).containsExactly("vm2"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(peer.received()).containsExactlyElementsOf(
                sends.stream().map(s -> new Message(runId, "vm1", s.messageId(), s.logicalClock())).toList()));
    }

    @Test
    void theLogFileHoldsExactlyWhatLogServes() throws IOException {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(new Peer("vm2", peer.address())), 30, 10, 7);
        vm.start(runId, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));

        Path file = properties.logDir().resolve(runId).resolve("vm1.jsonl");
        assertThat(Files.readAllLines(file)).containsExactlyElementsOf(vm.log().stream().map(EventJson::toLine).toList());
    }

    @Test
    void logPagesBySeq() {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(), 50, 10, 3);
        vm.start(runId, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));

        long last = vm.log().size();
        assertThat(last).isGreaterThan(10);
        assertThat(vm.get("/log?from=5&limit=3").findValues("seq")).extracting(n -> n.asLong()).containsExactly(5L, 6L, 7L);
        assertThat(vm.get("/log?from=" + (last - 1)).findValues("seq")).extracting(n -> n.asLong()).containsExactly(last - 1, last);
        assertThat(vm.get("/log?from=" + (last + 1))).isEmpty();
    }

    @Test
    void messagesQueueAtNetworkSpeedAndAreReceivedOnePerTick() throws IOException {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(new Peer("vm2", peer.address())), 10, 10, 5);
        try (Socket ignored = FakePeer.write(sidePort.port(), FakePeer.hello(runId, "vm2"),
                FakePeer.CODEC.encode(new Message(runId, "vm2", "vm2-1", 40)),
                FakePeer.CODEC.encode(new Message(runId, "vm2", "vm2-2", 41)),
                FakePeer.CODEC.encode(new Message(runId, "vm2", "vm2-3", 3)))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> vm.clock().get("queueLength").asInt() == 3);
            assertThat(vm.clock().get("logicalClock").asLong()).as("no tick yet, so no receive yet").isZero();

            vm.start(runId, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));
        }
        List<Event> first3 = vm.log().subList(0, 3);
        assertThat(first3).extracting(Event::type).containsOnly(EventType.RECEIVE);
        assertThat(first3).extracting(Event::logicalClock).containsExactly(41L, 42L, 43L);
        assertThat(first3).extracting(Event::queueLength).containsExactly(2, 1, 0);
        assertThat(vm.sample("vm_clock_jump_max{")).isGreaterThanOrEqualTo(41);
    }

    @Test
    void garbageIsCountedAndItsConnectionClosedWhileTheRunGoesOn() throws IOException {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(), 20, 10, 9);
        vm.start(runId, null);
        double before = vm.sample("vm_rejected_frames_total{reason=\"oversized\"");

        try (Socket garbage = FakePeer.write(sidePort.port(), "GET / HTTP/1.1\r\n\r\n".getBytes())) {
            assertThat(garbage.getInputStream().read()).as("the VM closes the connection").isEqualTo(-1);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> vm.sample("vm_rejected_frames_total{reason=\"oversized\"") == before + 1);
        long clock = vm.clock().get("logicalClock").asLong();
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.clock().get("logicalClock").asLong() > clock + 5);
        assertThat(vm.clock().get("queueLength").asInt()).isZero();
    }

    @Test
    void framesWithAWrongSecretOrForAnotherRunAreRefusedAndCountedByReason() throws IOException {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(), 5, 10, 9);
        double unauthenticated = vm.sample("vm_rejected_frames_total{reason=\"unauthenticated\"");
        double wrongRun = vm.sample("vm_rejected_frames_total{reason=\"wrong_run\"");
        var forged = new io.clocklab.core.wire.FrameCodec("not-the-secret", 1024);

        try (Socket a = FakePeer.write(sidePort.port(), forged.encode(new Frame.Hello(runId, "vm2", "vm1")));
             Socket b = FakePeer.write(sidePort.port(), FakePeer.hello("old-run", "vm2"))) {
            assertThat(a.getInputStream().read()).isEqualTo(-1);
            assertThat(b.getInputStream().read()).isEqualTo(-1);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(vm.sample("vm_rejected_frames_total{reason=\"unauthenticated\"")).isEqualTo(unauthenticated + 1);
            assertThat(vm.sample("vm_rejected_frames_total{reason=\"wrong_run\"")).isEqualTo(wrongRun + 1);
        });
        assertThat(vm.clock().get("queueLength").asInt()).isZero();
    }

    @Test
    void theSidePortAnswersHelloWithResumeAcksWhatItQueuedAndDropsDuplicates() throws Exception {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(new Peer("vm2", peer.address())), 5, 10, 9); // not started: what arrives stays queued
        double duplicates = vm.sample("vm_rejected_frames_total{reason=\"duplicate\"");

        try (Socket socket = FakePeer.write(sidePort.port(), FakePeer.hello(runId, "vm2"))) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(FakePeer.CODEC.read(in)).isEqualTo(new Frame.Resume(runId, 0, 0));
            socket.getOutputStream().write(concat(
                    FakePeer.CODEC.encode(new Message(runId, "vm2", "vm2-1", 4)),
                    FakePeer.CODEC.encode(new Message(runId, "vm2", "vm2-3", 6)),
                    FakePeer.CODEC.encode(new Message(runId, "vm2", "vm2-3", 6)),
                    FakePeer.CODEC.encode(new Message(runId, "vm2", "vm2-2", 5))));
            Frame ack = FakePeer.CODEC.read(in);
            while (ack instanceof Frame.Ack a && a.queuedUpTo() < 3) {
                ack = FakePeer.CODEC.read(in);
            }
            assertThat(ack).as("duplicates do not close the connection").isEqualTo(new Frame.Ack(runId, 3, 0));
        }
        assertThat(vm.clock().get("queueLength").asInt()).isEqualTo(2);
        assertThat(vm.sample("vm_rejected_frames_total{reason=\"duplicate\"")).isEqualTo(duplicates + 2);
        assertThat(vm.internal("/internal/runs/" + runId + "/delivery").getBody()).isEqualTo(
                "{\"runId\":\"" + runId + "\",\"vm\":\"vm1\",\"queued\":[\"vm2-1\",\"vm2-3\"],\"unconfirmed\":{\"vm2\":{\"after\":0,\"upTo\":0}}}");

        try (Socket again = FakePeer.write(sidePort.port(), FakePeer.hello(runId, "vm2"))) {
            assertThat(FakePeer.CODEC.read(again.getInputStream())).as("a new connection resumes after what is queued")
                    .isEqualTo(new Frame.Resume(runId, 3, 0));
        }
    }

    @Test
    void aMessageThatIsNotTheHelloSendersIsASenderMismatch() throws IOException {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(new Peer("vm2", peer.address()), new Peer("vm3", peer.address())), 5, 10, 9);
        double before = vm.sample("vm_rejected_frames_total{reason=\"sender_mismatch\"");

        try (Socket other = FakePeer.write(sidePort.port(), FakePeer.hello(runId, "vm2"),
                FakePeer.CODEC.encode(new Message(runId, "vm3", "vm3-1", 5)));
             Socket forgedId = FakePeer.write(sidePort.port(), FakePeer.hello(runId, "vm2"),
                     FakePeer.CODEC.encode(new Message(runId, "vm2", "vm3-1", 5)))) {
            assertThat(readUntilClosed(other)).as("the RESUME, then the close").isEqualTo(1);
            assertThat(readUntilClosed(forgedId)).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> vm.sample("vm_rejected_frames_total{reason=\"sender_mismatch\"") == before + 2);
        assertThat(vm.clock().get("queueLength").asInt()).isZero();
    }

    @Test
    void aConnectionOpensWithAHelloToThisVm() throws IOException {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(), 5, 10, 9);
        double unexpected = vm.sample("vm_rejected_frames_total{reason=\"unexpected_frame\"");
        double wrongRecipient = vm.sample("vm_rejected_frames_total{reason=\"wrong_recipient\"");

        try (Socket noHello = FakePeer.write(sidePort.port(), FakePeer.CODEC.encode(new Message(runId, "vm2", "vm2-1", 5)));
             Socket elsewhere = FakePeer.write(sidePort.port(), FakePeer.CODEC.encode(new Frame.Hello(runId, "vm2", "vm9")))) {
            assertThat(readUntilClosed(noHello)).isZero();
            assertThat(readUntilClosed(elsewhere)).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(vm.sample("vm_rejected_frames_total{reason=\"unexpected_frame\"")).isEqualTo(unexpected + 1);
            assertThat(vm.sample("vm_rejected_frames_total{reason=\"wrong_recipient\"")).isEqualTo(wrongRecipient + 1);
        });
        assertThat(vm.clock().get("queueLength").asInt()).isZero();
    }

    /** Reads frames until the VM closes the connection; returns how many came. */
    private static int readUntilClosed(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int frames = 0;
        try {
            while (FakePeer.CODEC.read(in) != null) {
                frames++;
            }
        } catch (FrameRejectedException e) {
            throw new AssertionError(e);
        } catch (SocketException e) {
            // a reset is a close too
        }
        return frames;
    }

    private static byte[] concat(byte[]... chunks) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    @Test
    void aDroppedPeerConnectionIsReopenedAndNoFrameIsLost() throws IOException {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(new Peer("vm2", peer.address())), 40, 1, 11); // randomRange 1: every tick sends
        vm.start(runId, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> peer.received().size() >= 10);

        peer.dropConnections();

        await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));
        List<String> sent = vm.log().stream().filter(e -> e.type() == EventType.SEND).map(Event::messageId).toList();
        assertThat(sent).hasSizeGreaterThan(60);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(peer.received()).extracting(Message::messageId).containsExactlyElementsOf(sent));
        assertThat(peer.connectionsAccepted()).isGreaterThan(1);
    }

    @Test
    void aNewRunResetsClockQueueAndLog() {
        String first = VmClient.newRunId();
        vm.setUp(first, List.of(), 50, 10, 1);
        vm.start(first, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));
        assertThat(vm.log()).isNotEmpty();

        String second = VmClient.newRunId();
        vm.setUp(second, List.of(), 50, 10, 1);

        assertThat(vm.clock().get("logicalClock").asLong()).isZero();
        assertThat(vm.clock().get("runId").asText()).isEqualTo(second);
        assertThat(vm.log()).isEmpty();
        assertThat(properties.logDir().resolve(first).resolve("vm1.jsonl")).exists();
        assertThat(properties.logDir().resolve(second).resolve("vm1.jsonl")).exists();
    }

    @Test
    void theSameSeedReplaysTheSameRolls() {
        List<EventType> first = typesOfOneSecondRun(77);
        List<EventType> second = typesOfOneSecondRun(77);
        // A dropped slot only shortens a run; the rolls of the slots that ran are the same.
        int common = Math.min(first.size(), second.size());
        assertThat(common).isGreaterThan(40);
        assertThat(first.subList(0, common)).isEqualTo(second.subList(0, common));
        assertThat(first.subList(0, common)).as("rolls really vary").contains(EventType.SEND, EventType.INTERNAL);
    }

    private List<EventType> typesOfOneSecondRun(long seed) {
        String runId = VmClient.newRunId();
        vm.setUp(runId, List.of(new Peer("vm2", peer.address()), new Peer("vm3", peer.address())), 50, 10, seed);
        vm.start(runId, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> vm.clock().get("state").asText().equals("STOPPED"));
        return vm.log().stream().map(Event::type).toList();
    }
}
