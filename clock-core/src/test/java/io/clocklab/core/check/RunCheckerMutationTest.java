package io.clocklab.core.check;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.Message;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunData;
import io.clocklab.core.testing.VirtualRuns;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Honest simulated runs pass every rule; each kind of damage is caught by the rule meant for it. */
class RunCheckerMutationTest {

    private static final Map<String, Integer> ONE_SIX_SIX = rates(1, 6, 6);

    private static RunData honest(long seed) {
        return VirtualRuns.of(ONE_SIX_SIX, 10, seed).withJitter().run(60);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void honestRunsPassEveryRule(long seed) {
        RunData run = honest(seed);
        CheckReport report = RunChecker.check(run);

        assertThat(report.violations()).isEmpty();
        assertThat(report.eventsChecked()).isEqualTo(run.eventCount());
        // vm1 backs up in a 1/6/6 run, so conservation is checked against a real queue
        assertThat(run.eventsByVm().get("vm1").get(59).queueLength()).isPositive();
    }

    @Test
    void jitterReallyPutsRatePlusOneEventsInSomeSecondAndThatIsAllowed() {
        RunData run = honest(5);
        List<Event> vm2 = run.eventsByVm().get("vm2");
        boolean sevenInOneSecond = false;
        for (int i = 6; i < vm2.size(); i++) {
            sevenInOneSecond |= Duration.between(vm2.get(i - 6).systemTime(), vm2.get(i).systemTime()).compareTo(Duration.ofSeconds(1)) < 0;
        }
        assertThat(sevenInOneSecond).isTrue();
        assertThat(RunChecker.check(run).of(Rule.RATE_LIMIT)).isEmpty();
    }

    @Test
    void aReceiveThatSkipsTheMaxBreaksTheUpdateRule() {
        Mutable run = new Mutable(honest(1));
        Event receive = run.first("vm2", e -> e.type() == EventType.RECEIVE && e.messageClock() > run.clockBefore(e));
        run.replace(receive, withClock(receive, run.clockBefore(receive) + 1));

        assertThat(run.violationsAt(Rule.UPDATE_RULE, receive)).isNotEmpty();
    }

    @Test
    void aReceiveThatSkipsThePlusOneBreaksTheUpdateRule() {
        Mutable run = new Mutable(honest(2));
        Event receive = run.first("vm3", e -> e.type() == EventType.RECEIVE);
        run.replace(receive, withClock(receive, Math.max(run.clockBefore(receive), receive.messageClock())));

        assertThat(run.violationsAt(Rule.UPDATE_RULE, receive)).isNotEmpty();
    }

    @Test
    void aDecreasingClockIsCaught() {
        Mutable run = new Mutable(honest(3));
        Event tenth = run.events("vm2").get(9);
        run.replace(tenth, withClock(tenth, run.events("vm2").get(8).logicalClock() - 1));

        assertThat(run.violationsAt(Rule.CLOCK_INCREASES, tenth)).isNotEmpty();
    }

    @Test
    void aDuplicateDeliveryIsCaught() {
        String twice = firstSendOf(4, "vm2").messageId();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 4).withJitter().deliveringTwice(id(twice)).run(60);
        String receiver = sendOf(run, twice).to().get(0);

        CheckReport report = RunChecker.check(run);

        assertThat(report.of(Rule.NO_DUPLICATE_RECEIVE)).singleElement()
                .satisfies(v -> assertThat(v.vm()).isEqualTo(receiver));
        // conservation may see the extra message too, unless a message sent just after the receiver stopped hides it
        assertThat(rulesOf(report)).isSubsetOf(Rule.NO_DUPLICATE_RECEIVE, Rule.CONSERVATION);
    }

    @Test
    void aDroppedMessageIsCaughtByConservationAloneNamingItAndTheLastEvent() {
        String lost = firstSendOf(5, "vm3").messageId();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 5).withJitter().losing((message, to, at) -> message.messageId().equals(lost)).run(60);
        Event send = sendOf(run, lost);
        String receiver = send.to().get(0);
        List<Event> receiverLog = run.eventsByVm().get(receiver);

        CheckReport report = RunChecker.check(run);

        assertThat(rulesOf(report)).containsOnly(Rule.CONSERVATION);
        assertThat(report.of(Rule.CONSERVATION)).singleElement().satisfies(v -> {
            assertThat(v.vm()).isEqualTo(receiver);
            assertThat(v.seq()).isEqualTo(receiverLog.get(receiverLog.size() - 1).seq());
            assertThat(v.detail()).contains("at least 1 lost").contains("never received though later ones were: " + lost);
        });
    }

    @Test
    void aBurstBreaksTheRateLimitAtTheEventThatOverflows() {
        Mutable run = new Mutable(honest(6));
        List<Event> vm2 = run.events("vm2");
        // squeeze events 100..119 into 20 ms, as a ticker catching up would
        Event first = vm2.get(99);
        for (int i = 100; i < 120; i++) {
            run.replace(vm2.get(i), at(vm2.get(i), first.systemTime().plusMillis(i - 99)));
        }

        CheckReport report = RunChecker.check(run.data());

        assertThat(report.of(Rule.RATE_LIMIT)).singleElement().satisfies(v -> {
            assertThat(v.vm()).isEqualTo("vm2");
            assertThat(v.detail()).contains("at rate 6 at most 7");
        });
        Violation burst = report.of(Rule.RATE_LIMIT).get(0);
        List<Event> mutated = run.events("vm2");
        int overflowing = (int) burst.seq() - 1;
        assertThat(Duration.between(mutated.get(overflowing - 7).systemTime(), mutated.get(overflowing).systemTime()))
                .isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.between(mutated.get(overflowing - 8).systemTime(), mutated.get(overflowing - 1).systemTime()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(999));
        assertThat(rulesOf(report)).containsOnly(Rule.RATE_LIMIT);
    }

    @Test
    void conservationWaitsUntilTheRunHasFinished() {
        String lost = firstSendOf(5, "vm3").messageId();
        RunData finished = VirtualRuns.of(ONE_SIX_SIX, 10, 5).withJitter().losing((message, to, at) -> message.messageId().equals(lost)).run(30);
        RunData running = new RunData(finished.runId(), finished.clockRates(), finished.randomRange(), false, finished.eventsByVm());

        assertThat(RunChecker.check(finished).of(Rule.CONSERVATION)).isNotEmpty();
        assertThat(RunChecker.check(running).violations()).isEmpty();
    }

    @Test
    void messagesSentInTheRecipientsLastSecondMayStillBeOnTheWire() {
        // vm1 (rate 1) last ticks at 29 s of a 30 s run: what was sent to it from 28.5 s on may still be travelling
        List<String> lost = new ArrayList<>();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 8).losing((message, to, at) -> {
            boolean late = to.equals("vm1") && !at.isBefore(VirtualRuns.START.plusMillis(28_500));
            if (late) {
                lost.add(message.messageId());
            }
            return late;
        }).run(30);

        assertThat(lost).isNotEmpty();
        assertThat(RunChecker.check(run).violations()).isEmpty();
    }

    @Test
    void aLossFromTheQueuesTailIsFoundByCounting() {
        // vm1 is about 25 messages behind, so nothing it received was sent after these: only the count can tell
        List<String> lost = new ArrayList<>();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 8).losing((message, to, at) -> {
            boolean inWindow = to.equals("vm1") && !at.isBefore(VirtualRuns.START.plusMillis(22_000))
                    && at.isBefore(VirtualRuns.START.plusMillis(27_900));
            if (inWindow) {
                lost.add(message.messageId());
            }
            return inWindow;
        }).run(30);

        assertThat(lost).isNotEmpty();
        assertThat(RunChecker.check(run).of(Rule.CONSERVATION)).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains(" lost").doesNotContain("never received"));
        assertThat(lost).hasSizeGreaterThan(3);
    }

    @Test
    void aVmWithoutAKnownRateIsNotRateChecked() {
        Mutable run = new Mutable(honest(6));
        List<Event> vm2 = run.events("vm2");
        for (int i = 100; i < 120; i++) {
            run.replace(vm2.get(i), at(vm2.get(i), vm2.get(99).systemTime().plusMillis(i - 99)));
        }
        Map<String, Integer> withoutVm2 = new LinkedHashMap<>(ONE_SIX_SIX);
        withoutVm2.remove("vm2");
        RunData data = run.data();

        assertThat(RunChecker.check(new RunData(data.runId(), withoutVm2, 10, true, data.eventsByVm())).violations()).isEmpty();
    }

    @Test
    void theEventOnlyCheckLeavesTheRunRulesOut() {
        String lost = firstSendOf(5, "vm3").messageId();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 5).withJitter().losing((message, to, at) -> message.messageId().equals(lost)).run(30);

        assertThat(RunChecker.check(run.eventsByVm()).violations()).isEmpty();
    }

    // With the run's end state, CONSERVATION is exact.

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void honestRunsWithTheirEndStatePassEveryRule(long seed) {
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, seed).withJitter().withEndState().run(60);

        assertThat(RunChecker.check(run).violations()).isEmpty();
        assertThat(run.endState().queuedAt("vm1")).hasSizeGreaterThan(20);
    }

    @Test
    void aReportedUndeliveredMessageIsAccepted() {
        String held = firstSendOf(5, "vm3").messageId();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 5).withJitter().holding((message, to, at) -> message.messageId().equals(held))
                .withEndState().run(60);

        assertThat(RunChecker.check(run).violations()).isEmpty();
        assertThat(DeliveryAccounting.account(run).undelivered()).extracting(Undelivered::messageId, Undelivered::reason)
                .contains(Tuple.tuple(held, Undelivered.Reason.IN_TRANSIT));
    }

    @Test
    void anUnreportedUndeliveredMessageIsCaughtNamingIt() {
        String held = firstSendOf(5, "vm3").messageId();
        RunData reported = VirtualRuns.of(ONE_SIX_SIX, 10, 5).withJitter().holding((message, to, at) -> message.messageId().equals(held))
                .withEndState().run(60);
        String receiver = sendOf(reported, held).to().get(0);
        RunData unreported = reported.with(reported.outages(), new EndState(reported.endState().queued(), Map.of()));
        List<Event> receiverLog = reported.eventsByVm().get(receiver);

        CheckReport report = RunChecker.check(unreported);

        assertThat(rulesOf(report)).containsOnly(Rule.CONSERVATION);
        assertThat(report.of(Rule.CONSERVATION)).singleElement().satisfies(v -> {
            assertThat(v.vm()).isEqualTo(receiver);
            assertThat(v.seq()).isEqualTo(receiverLog.get(receiverLog.size() - 1).seq());
            assertThat(v.detail()).startsWith("1 message sent to " + receiver).endsWith("lost " + held);
        });
    }

    @Test
    void aQueuedMessageLeftOutOfTheEndStateIsCaught() {
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 6).withJitter().withEndState().run(60);
        List<String> queue = run.endState().queuedAt("vm1");
        Map<String, List<String>> queued = new LinkedHashMap<>(run.endState().queued());
        queued.put("vm1", queue.subList(0, queue.size() - 7));

        CheckReport report = RunChecker.check(run.with(List.of(), new EndState(queued, run.endState().unconfirmed())));

        assertThat(report.of(Rule.CONSERVATION)).singleElement().satisfies(v -> {
            assertThat(v.vm()).isEqualTo("vm1");
            assertThat(v.detail()).startsWith("7 messages sent to vm1")
                    .contains("lost " + String.join(", ", queue.subList(queue.size() - 7, queue.size() - 2)) + " and 2 more");
        });
    }

    @Test
    void aDroppedMessageIsCaughtExactlyEvenInTheLastSecond() {
        // the counting rule cannot see this loss (vm1 stopped before it could have arrived); the end state can
        List<String> lost = new ArrayList<>();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 8).losing((message, to, at) -> {
            boolean late = to.equals("vm1") && !at.isBefore(VirtualRuns.START.plusMillis(28_500)) && lost.isEmpty();
            if (late) {
                lost.add(message.messageId());
            }
            return late;
        }).withEndState().run(30);
        RunData withoutEndState = run.with(List.of(), null);

        assertThat(lost).hasSize(1);
        assertThat(RunChecker.check(withoutEndState).violations()).isEmpty();
        assertThat(RunChecker.check(run).of(Rule.CONSERVATION)).singleElement()
                .satisfies(v -> assertThat(v.detail()).endsWith("lost " + lost.get(0)));
    }

    @Test
    void aDuplicatedReceiveIsCaughtWithTheEndStateToo() {
        String twice = firstSendOf(4, "vm2").messageId();
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 4).withJitter().deliveringTwice(id(twice)).withEndState().run(60);

        CheckReport report = RunChecker.check(run);

        assertThat(report.of(Rule.NO_DUPLICATE_RECEIVE)).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains(twice));
        assertThat(rulesOf(report)).containsOnly(Rule.NO_DUPLICATE_RECEIVE);
    }

    @Test
    void aQueueHoldingAMessageTwiceOrOneNeverSentOrAlreadyReceivedIsCaught() {
        RunData run = VirtualRuns.of(ONE_SIX_SIX, 10, 6).withJitter().withEndState().run(60);
        List<String> queue = new ArrayList<>(run.endState().queuedAt("vm1"));
        String received = run.eventsByVm().get("vm1").stream().filter(e -> e.type() == EventType.RECEIVE).findFirst().orElseThrow().messageId();
        queue.add(queue.get(0));
        queue.add("vm9-1");
        queue.add(received);
        Map<String, List<String>> queued = new LinkedHashMap<>(run.endState().queued());
        queued.put("vm1", queue);

        CheckReport report = RunChecker.check(run.with(List.of(), new EndState(queued, run.endState().unconfirmed())));

        assertThat(report.of(Rule.CONSERVATION)).singleElement().satisfies(v -> assertThat(v.detail())
                .contains("never sent to it: vm9-1", "already received: " + received, "more than once: " + queue.get(0)));
    }

    // Outages give no false verdict.

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRecipientDownUntilTheEndIsNotALoss(boolean endState) {
        VirtualRuns runs = VirtualRuns.of(ONE_SIX_SIX, 10, 7).withJitter().down("vm1", 40, null, "killed");
        RunData run = (endState ? runs.withEndState() : runs).run(60);

        assertThat(RunChecker.check(run).violations()).isEmpty();
        // the outage is what excuses it: without it, vm1's queue at the crash is lost
        assertThat(RunChecker.check(run.with(List.of(), run.endState())).of(Rule.CONSERVATION)).hasSize(endState ? 1 : 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aSenderDownUntilTheEndIsNotALoss(boolean endState) {
        // vm3 goes down 50 ms after a SEND, which never leaves
        Event send = honest(9).eventsByVm().get("vm3").stream()
                .filter(e -> e.type() == EventType.SEND && e.systemTime().isAfter(VirtualRuns.at(30))).findFirst().orElseThrow();
        double down = Duration.between(VirtualRuns.START, send.systemTime()).toNanos() / 1e9 + 0.05;
        VirtualRuns runs = VirtualRuns.of(ONE_SIX_SIX, 10, 9).withJitter().down("vm3", down, null, "killed");
        RunData run = (endState ? runs.withEndState() : runs).run(60);

        assertThat(RunChecker.check(run).violations()).isEmpty();
        assertThat(RunChecker.check(run.with(List.of(), run.endState())).of(Rule.CONSERVATION)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void restartsAndPausesPassEveryRule(boolean endState) {
        VirtualRuns runs = VirtualRuns.of(ONE_SIX_SIX, 10, 10).withJitter()
                .down("vm2", 10, 14.0, "restarted").down("vm1", 20, 31.0, "paused").down("vm3", 50, 59.5, "restarted");
        RunData run = (endState ? runs.withEndState() : runs).run(60);

        assertThat(RunChecker.check(run).violations()).isEmpty();
        assertThat(DeliveryAccounting.account(run).lost()).isEmpty();
    }

    @Test
    void aBurstAcrossAnOutageOfThatVmIsNotARateLimitViolation() {
        Mutable run = new Mutable(honest(6));
        List<Event> vm2 = run.events("vm2");
        // the ticker of a paused VM catching up when it resumes: events 100..119 within 20 ms
        Event first = vm2.get(99);
        for (int i = 100; i < 120; i++) {
            run.replace(vm2.get(i), at(vm2.get(i), first.systemTime().plusMillis(i - 99)));
        }
        Instant burstEnd = first.systemTime().plusMillis(21);
        RunData damaged = run.data();
        Outage vm2Paused = new Outage("vm2", first.systemTime().minusSeconds(5), burstEnd, "paused");
        Outage vm3Paused = new Outage("vm3", first.systemTime().minusSeconds(5), burstEnd, "paused");

        assertThat(RunChecker.check(damaged.with(List.of(vm2Paused), null)).of(Rule.RATE_LIMIT)).isEmpty();
        assertThat(RunChecker.check(damaged.with(List.of(vm3Paused), null)).of(Rule.RATE_LIMIT)).hasSize(1);
        // a burst that ends before the outage starts is still one
        Outage later = new Outage("vm2", burstEnd.plusSeconds(2), null, "killed");
        assertThat(RunChecker.check(damaged.with(List.of(later), null)).of(Rule.RATE_LIMIT)).hasSize(1);
    }

    /** The first single-recipient SEND of a VM in the honest run of that seed (a damaged run is the same until then). */
    private static Event firstSendOf(long seed, String vm) {
        return honest(seed).eventsByVm().get(vm).stream().filter(e -> e.type() == EventType.SEND && e.to().size() == 1)
                .findFirst().orElseThrow();
    }

    private static Predicate<Message> id(String messageId) {
        return message -> message.messageId().equals(messageId);
    }

    private static Event sendOf(RunData run, String messageId) {
        return run.eventsByVm().values().stream().flatMap(List::stream)
                .filter(e -> e.type() == EventType.SEND && e.messageId().equals(messageId)).findFirst().orElseThrow();
    }

    private static List<Rule> rulesOf(CheckReport report) {
        return report.violations().stream().map(Violation::rule).toList();
    }

    private static Event withClock(Event e, long clock) {
        return new Event(e.seq(), e.vm(), e.type(), e.systemTime(), clock, e.queueLength(), e.to(), e.messageId(), e.from(), e.messageClock());
    }

    private static Event at(Event e, java.time.Instant time) {
        return new Event(e.seq(), e.vm(), e.type(), time, e.logicalClock(), e.queueLength(), e.to(), e.messageId(), e.from(), e.messageClock());
    }

    static Map<String, Integer> rates(int... values) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            rates.put("vm" + (i + 1), values[i]);
        }
        return rates;
    }

    /** A run's logs open to damage. */
    private static final class Mutable {
        private final RunData original;
        private final Map<String, List<Event>> events = new LinkedHashMap<>();

        Mutable(RunData run) {
            this.original = run;
            run.eventsByVm().forEach((vm, log) -> events.put(vm, new ArrayList<>(log)));
        }

        List<Event> events(String vm) {
            return events.get(vm);
        }

        Event first(String vm, Predicate<Event> condition) {
            return events.get(vm).stream().filter(condition).findFirst().orElseThrow();
        }

        long clockBefore(Event event) {
            return event.seq() == 1 ? 0 : events.get(event.vm()).get((int) event.seq() - 2).logicalClock();
        }

        void replace(Event old, Event replacement) {
            List<Event> log = events.get(old.vm());
            log.set(log.indexOf(old), replacement);
        }

        RunData data() {
            return new RunData(original.runId(), original.clockRates(), original.randomRange(), original.finished(), events);
        }

        List<Violation> violationsAt(Rule rule, Event event) {
            return RunChecker.check(data()).of(rule).stream()
                    .filter(v -> v.vm().equals(event.vm()) && v.seq() == event.seq()).toList();
        }
    }
}
