package io.clocklab.core.analysis;

import io.clocklab.core.check.DeliveryAccounting;
import io.clocklab.core.check.DeliveryReport;
import io.clocklab.core.check.Undelivered.Reason;
import io.clocklab.core.check.Undelivered;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunData;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every (SEND, recipient) pair is received, undelivered with a reason, or lost; and only provable losses are named. */
class DeliveryAccountingTest {

    private static final Map<String, Integer> ONE_SIX_SIX = rates(1, 6, 6);

    private static VirtualRuns run(long seed) {
        return VirtualRuns.of(ONE_SIX_SIX, 10, seed).withJitter();
    }

    @Test
    void withTheEndStateEveryPairIsAccountedForAndTheQueueIsWhatTheVmHeld() {
        RunData run = run(1).withEndState().run(60);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(delivery.lost()).isEmpty();
        assertThat(delivery.unaccounted()).isZero();
        assertThat(delivery.addressed()).isEqualTo(addressedPairs(run)).isEqualTo(delivery.received() + delivery.undelivered().size());
        // vm1 backs up: what it still held is QUEUED, oldest first
        assertThat(delivery.undelivered()).filteredOn(u -> u.to().equals("vm1")).extracting(Undelivered::messageId)
                .containsExactlyElementsOf(run.endState().queuedAt("vm1")).hasSizeGreaterThan(20);
        assertThat(delivery.undelivered()).extracting(Undelivered::reason).containsOnly(Reason.QUEUED);
        assertThat(delivery.undelivered()).allSatisfy(u -> assertThat(u.messageId()).startsWith(u.from() + "-"));
    }

    @Test
    void aMessageItsSenderStillHoldsIsInTransit() {
        String held = firstSendOf(2, "vm2", "vm3").messageId();
        RunData run = run(2).holding((message, to, at) -> message.messageId().equals(held)).withEndState().run(30);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        long seq = MessageIds.seqOf(held);
        assertThat(run.endState().unconfirmedFrom("vm2", "vm3")).isEqualTo(new SentRange(seq - 1, seq));
        assertThat(delivery.undelivered()).contains(new Undelivered(held, "vm2", "vm3", Reason.IN_TRANSIT));
        assertThat(delivery.lost()).isEmpty();
    }

    @Test
    void aSendersUnconfirmedRangeCoversOnlyWhatItSentToThatRecipient() {
        Map<String, String> dropped = new HashMap<>(); // recipient -> the first message from vm2 to it, which is lost
        RunData lossy = run(2).losing((message, to, at) -> message.messageId().startsWith("vm2-")
                        && !to.equals("vm2") && dropped.computeIfAbsent(to, r -> message.messageId()).equals(message.messageId()))
                .withEndState().run(30);
        String toVm1 = dropped.get("vm1");
        String toVm3 = dropped.get("vm3");
        EndState end = new EndState(lossy.endState().queued(), Map.of("vm2", Map.of("vm3", new SentRange(0, 1_000_000))));

        DeliveryReport delivery = DeliveryAccounting.account(lossy.with(lossy.outages(), end));

        assertThat(delivery.undelivered()).contains(new Undelivered(toVm3, "vm2", "vm3", Reason.IN_TRANSIT));
        assertThat(delivery.lost()).as("its seq is in vm2's range for vm3, not for vm1").containsExactly(toVm1 + " to vm1");
    }

    @Test
    void aMessageNobodyHeldIsLostNamingItAndItsRecipient() {
        Event send = firstSendOf(3, "vm3", "vm2");
        RunData run = run(3).losing((message, to, at) -> message.messageId().equals(send.messageId())).withEndState().run(30);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(delivery.lost()).containsExactly(send.messageId() + " to vm2");
        assertThat(delivery.addressed()).isEqualTo(delivery.received() + delivery.undelivered().size() + 1);
        assertThat(DeliveryAccounting.byRecipient(run)).filteredOn(b -> b.recipient().equals("vm2"))
                .singleElement().satisfies(b -> assertThat(b.lostIds()).containsExactly(send.messageId()));
    }

    @Test
    void aRecipientDownUntilTheEndHasWhatItHeldRecipientDownAndWhatWaitsForItInTransit() {
        RunData run = run(4).down("vm1", 40, null, "killed").withEndState().run(60);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(delivery.lost()).isEmpty();
        assertThat(run.endState().queued()).doesNotContainKey("vm1");
        List<Undelivered> toVm1 = delivery.undelivered().stream().filter(u -> u.to().equals("vm1")).toList();
        assertThat(toVm1).extracting(Undelivered::reason).contains(Reason.RECIPIENT_DOWN, Reason.IN_TRANSIT);
        Map<String, Instant> sentAt = sentTimes(run);
        assertThat(toVm1).allSatisfy(u -> assertThat(u.reason() == Reason.IN_TRANSIT)
                .isEqualTo(!sentAt.get(u.messageId()).isBefore(VirtualRuns.at(40))));
    }

    @Test
    void whatASenderDownUntilTheEndHadOnTheWireIsInTransit() {
        // vm2 goes down 50 ms after one of its SENDs: that message never left
        Event last = firstSendAfter(5, "vm2", 30);
        double downAt = seconds(last.systemTime()) + 0.05;
        RunData run = run(5).down("vm2", downAt, null, "killed").withEndState().run(60);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(delivery.lost()).isEmpty();
        assertThat(delivery.undelivered()).filteredOn(u -> u.messageId().equals(last.messageId()))
                .isNotEmpty().allSatisfy(u -> assertThat(u.reason()).isEqualTo(Reason.IN_TRANSIT));
    }

    @Test
    void aRestartedVmGetsWhatWaitedForIt() {
        RunData run = run(6).down("vm3", 20, 30.0, "restarted").withEndState().run(60);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(delivery.lost()).isEmpty();
        assertThat(run.eventsByVm().get("vm3")).noneMatch(e -> e.systemTime().isAfter(VirtualRuns.at(20))
                && e.systemTime().isBefore(VirtualRuns.at(30)));
        assertThat(DeliveryAccounting.account(new RunData(run.runId(), run.clockRates(), 10, true, run.eventsByVm(), run.outages(), null))
                .lost()).isEmpty();
    }

    @Test
    void withoutTheEndStateTheFinalQueueLengthsDecideAndNothingHonestIsLost() {
        RunData run = run(7).run(60);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(delivery.lost()).isEmpty();
        assertThat(delivery.unaccounted()).isZero();
        long stillQueued = run.eventsByVm().values().stream().mapToLong(log -> log.get(log.size() - 1).queueLength()).sum();
        assertThat(delivery.countByReason().get(Reason.QUEUED)).isEqualTo(stillQueued);
        // what was sent to a VM after it stopped may still have been on the wire
        assertThat(delivery.undelivered()).filteredOn(u -> u.reason() == Reason.IN_TRANSIT)
                .allSatisfy(u -> assertThat(sentTimes(run).get(u.messageId()))
                        .isAfter(lastEventOf(run, u.to()).systemTime().minus(DeliveryAccounting.UNCERTAIN)));
    }

    @Test
    void withoutTheEndStateAnOvertakenMessageIsLostByName() {
        Event send = firstSendOf(8, "vm3", "vm2");
        RunData run = run(8).losing((message, to, at) -> message.messageId().equals(send.messageId())).run(60);

        assertThat(DeliveryAccounting.account(run).lost()).containsExactly(send.messageId() + " to vm2");
    }

    @Test
    void withoutTheEndStateALossInTheQueuesTailIsCountedButNotNamed() {
        // vm1 is about 25 messages behind: the count shows a loss, the logs cannot say which message it was
        List<String> lost = new ArrayList<>();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 8).losing((message, to, at) -> {
            boolean inWindow = to.equals("vm1") && !at.isBefore(VirtualRuns.at(22)) && at.isBefore(VirtualRuns.at(27.9));
            if (inWindow) {
                lost.add(message.messageId());
            }
            return inWindow;
        }).run(30);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(lost).hasSizeGreaterThan(3);
        assertThat(delivery.lost()).isEmpty();
        assertThat(delivery.unaccounted()).isGreaterThanOrEqualTo(lost.size());
        assertThat(delivery.undelivered()).filteredOn(u -> u.to().equals("vm1")).extracting(Undelivered::reason)
                .containsOnly(Reason.IN_TRANSIT);
    }

    @Test
    void aRunStillGoingLosesNothingYet() {
        Event send = firstSendOf(8, "vm3", "vm2");
        RunData finished = run(8).losing((message, to, at) -> message.messageId().equals(send.messageId())).run(60);
        RunData running = new RunData(finished.runId(), finished.clockRates(), 10, false, finished.eventsByVm());

        DeliveryReport delivery = DeliveryAccounting.account(running);

        assertThat(delivery.lost()).isEmpty();
        assertThat(delivery.unaccounted()).isZero();
    }

    @Test
    void aRecipientWithoutEventsOrEndStateIsNotAccountedFor() {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        events.put("a", List.of(Event.send(1, "a", VirtualRuns.at(0), 1, 0, List.of("b"), "a-1")));
        events.put("b", List.of());
        RunData run = new RunData("r", Map.of("a", 1, "b", 1), 10, true, events);

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(delivery).isEqualTo(new DeliveryReport(1, 0, List.of(), List.of()));
        assertThat(delivery.unaccounted()).isEqualTo(1);
        // the same with an end state listing b's queue is exact
        RunData withEnd = run.with(List.of(), new EndState(Map.of("a", List.of(), "b", List.of("a-1")), Map.of()));
        assertThat(DeliveryAccounting.account(withEnd).undelivered()).containsExactly(new Undelivered("a-1", "a", "b", Reason.QUEUED));
    }

    @Test
    void aBroadcastCountsOncePerRecipientAndAReceiveOnce() {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        events.put("a", List.of(Event.send(1, "a", VirtualRuns.at(0), 1, 0, List.of("b", "c"), "a-1")));
        events.put("b", List.of(Event.receive(1, "b", VirtualRuns.at(1), 2, 0, new Message("r", "a", "a-1", 1)),
                Event.receive(2, "b", VirtualRuns.at(2), 3, 0, new Message("r", "a", "a-1", 1))));
        events.put("c", List.of(Event.internal(1, "c", VirtualRuns.at(5), 1, 0)));
        RunData run = new RunData("r", Map.of("a", 1, "b", 1, "c", 1), 10, true, events)
                .with(List.of(), new EndState(Map.of("a", List.of(), "b", List.of(), "c", List.of()), Map.of()));

        DeliveryReport delivery = DeliveryAccounting.account(run);

        assertThat(delivery).isEqualTo(new DeliveryReport(2, 1, List.of(), List.of("a-1 to c")));
    }

    @Test
    void theDeadlineIsASecondOrTenSecondsAfterAnOutageOrNever() {
        Instant sent = VirtualRuns.at(10);
        Outage vm2Restarted = new Outage("vm2", VirtualRuns.at(8), VirtualRuns.at(12), "restarted");
        Outage vm3Down = new Outage("vm3", VirtualRuns.at(9), null, "killed");
        Outage longAgo = new Outage("vm2", VirtualRuns.at(1), VirtualRuns.at(2), "paused");

        assertThat(DeliveryAccounting.deadline(sent, "vm1", "vm2", List.of())).isEqualTo(VirtualRuns.at(11));
        assertThat(DeliveryAccounting.deadline(VirtualRuns.at(30), "vm1", "vm2", List.of(longAgo))).isEqualTo(VirtualRuns.at(31));
        assertThat(DeliveryAccounting.deadline(sent, "vm1", "vm2", List.of(vm2Restarted))).isEqualTo(VirtualRuns.at(22));
        assertThat(DeliveryAccounting.deadline(sent, "vm2", "vm1", List.of(vm2Restarted))).isEqualTo(VirtualRuns.at(22));
        assertThat(DeliveryAccounting.deadline(sent, "vm1", "vm2", List.of(vm3Down))).isEqualTo(VirtualRuns.at(11));
        assertThat(DeliveryAccounting.deadline(sent, "vm3", "vm2", List.of(vm2Restarted, vm3Down))).isNull();
        // an outage that had settled before the message was sent does not hold it up
        assertThat(DeliveryAccounting.deadline(VirtualRuns.at(22.5), "vm1", "vm2", List.of(vm2Restarted))).isEqualTo(VirtualRuns.at(23.5));
    }

    @Test
    void theAnalysisCarriesTheOutagesAndTheDelivery() {
        RunData run = run(9).down("vm3", 20, 25.0, "paused").withEndState().run(40);

        RunAnalysis analysis = RunAnalyzer.analyze(run);

        assertThat(analysis.outages()).containsExactly(new Outage("vm3", VirtualRuns.at(20), VirtualRuns.at(25), "paused"));
        assertThat(analysis.delivery()).isEqualTo(DeliveryAccounting.account(run));
        assertThat(analysis.verdict().passed()).isTrue();
    }

    /** The first SEND of {@code vm} to {@code to} alone in the honest run of that seed (a damaged run is the same until then). */
    static Event firstSendOf(long seed, String vm, String to) {
        return run(seed).run(30).eventsByVm().get(vm).stream()
                .filter(e -> e.type() == EventType.SEND && e.to().equals(List.of(to))).findFirst().orElseThrow();
    }

    private static Event firstSendAfter(long seed, String vm, double seconds) {
        return run(seed).run(60).eventsByVm().get(vm).stream()
                .filter(e -> e.type() == EventType.SEND && e.systemTime().isAfter(VirtualRuns.at(seconds))).findFirst().orElseThrow();
    }

    private static long addressedPairs(RunData run) {
        return run.eventsByVm().values().stream().flatMap(List::stream).filter(e -> e.type() == EventType.SEND)
                .mapToLong(e -> e.to().size()).sum();
    }

    private static Map<String, Instant> sentTimes(RunData run) {
        Map<String, Instant> times = new LinkedHashMap<>();
        run.eventsByVm().values().forEach(log -> log.stream().filter(e -> e.type() == EventType.SEND)
                .forEach(e -> times.put(e.messageId(), e.systemTime())));
        return times;
    }

    private static Event lastEventOf(RunData run, String vm) {
        List<Event> log = run.eventsByVm().get(vm);
        return log.get(log.size() - 1);
    }

    private static double seconds(Instant at) {
        Duration d = Duration.between(VirtualRuns.START, at);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    static Map<String, Integer> rates(int... values) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            rates.put("vm" + (i + 1), values[i]);
        }
        return rates;
    }
}
