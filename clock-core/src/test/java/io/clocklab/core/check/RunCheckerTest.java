package io.clocklab.core.check;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.testing.VirtualRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class RunCheckerTest {

    private static final Map<String, Integer> ONE_SIX_SIX = Map.of("vm1", 1, "vm2", 6, "vm3", 6);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void honestRunsPass(long seed) {
        CheckReport report = RunChecker.check(VirtualRuns.of(ONE_SIX_SIX, 10, seed).run(200).eventsByVm());
        assertThat(report.violations()).isEmpty();
        assertThat(report.eventsChecked()).isEqualTo(200 * 13);
    }

    @Test
    void aReceiveThatSkipsTheMaxBreaksTheUpdateRule() {
        var run = mutable(VirtualRuns.of(ONE_SIX_SIX, 10, 1).run(100).eventsByVm());
        Event receive = first(run.get("vm1"), e -> e.type() == EventType.RECEIVE && e.messageClock() > previousClock(run.get("vm1"), e));
        long previous = previousClock(run.get("vm1"), receive);
        replace(run, receive, withClock(receive, previous + 1));

        assertThat(violationsAt(run, Rule.UPDATE_RULE, receive)).isNotEmpty();
    }

    @Test
    void aReceiveThatSkipsThePlusOneBreaksTheUpdateRule() {
        var run = mutable(VirtualRuns.of(ONE_SIX_SIX, 10, 1).run(100).eventsByVm());
        Event receive = first(run.get("vm1"), e -> e.type() == EventType.RECEIVE);
        replace(run, receive, withClock(receive, Math.max(previousClock(run.get("vm1"), receive), receive.messageClock())));

        assertThat(violationsAt(run, Rule.UPDATE_RULE, receive)).isNotEmpty();
        assertThat(violationsAt(run, Rule.RECEIVE_MATCHES_SEND, receive)).isNotEmpty();
    }

    @Test
    void aSecondDeliveryOfOneMessageIsCaught() {
        var run = mutable(VirtualRuns.of(ONE_SIX_SIX, 10, 2).run(100).eventsByVm());
        List<Event> vm2 = run.get("vm2");
        Event receive = first(vm2, e -> e.type() == EventType.RECEIVE);
        Event last = vm2.get(vm2.size() - 1);
        Event again = new Event(last.seq() + 1, "vm2", EventType.RECEIVE, last.systemTime(),
                Math.max(last.logicalClock(), receive.messageClock()) + 1, 0, null, receive.messageId(), receive.from(), receive.messageClock());
        vm2.add(again);

        assertThat(RunChecker.check(run).of(Rule.NO_DUPLICATE_RECEIVE)).singleElement()
                .satisfies(v -> assertThat(v.seq()).isEqualTo(again.seq()));
    }

    @Test
    void aReceiveWhoseSendIsMissingIsCaught() {
        var run = mutable(VirtualRuns.of(ONE_SIX_SIX, 10, 3).run(100).eventsByVm());
        Event receive = first(run.get("vm1"), e -> e.type() == EventType.RECEIVE);
        run.get(receive.from()).removeIf(e -> receive.messageId().equals(e.messageId()));

        assertThat(violationsAt(run, Rule.RECEIVE_MATCHES_SEND, receive)).isNotEmpty();
    }

    @Test
    void aReceiveAtAVmTheSendDidNotNameIsCaught() {
        var run = mutable(VirtualRuns.of(ONE_SIX_SIX, 10, 4).run(100).eventsByVm());
        Event send = first(run.get("vm2"), e -> e.type() == EventType.SEND && e.to().size() == 1);
        String receiver = send.to().get(0);
        String other = receiver.equals("vm1") ? "vm3" : "vm1";
        replace(run, send, new Event(send.seq(), send.vm(), send.type(), send.systemTime(), send.logicalClock(), send.queueLength(),
                List.of(other), send.messageId(), null, null));

        assertThat(RunChecker.check(run).of(Rule.RECEIVE_MATCHES_SEND))
                .anySatisfy(v -> assertThat(v.detail()).contains("went to [" + other + "]"));
    }

    @Test
    void aDecreasingClockIsCaught() {
        var run = mutable(VirtualRuns.of(ONE_SIX_SIX, 10, 5).run(100).eventsByVm());
        Event tenth = run.get("vm3").get(9);
        replace(run, tenth, withClock(tenth, run.get("vm3").get(8).logicalClock() - 1));

        assertThat(violationsAt(run, Rule.CLOCK_INCREASES, tenth)).isNotEmpty();
    }

    @Test
    void aGapInSeqIsCaught() {
        var run = mutable(VirtualRuns.of(ONE_SIX_SIX, 10, 6).run(100).eventsByVm());
        run.get("vm2").remove(20);

        assertThat(RunChecker.check(run).of(Rule.SEQ_CONTIGUOUS)).first()
                .satisfies(v -> assertThat(v.seq()).isEqualTo(22));
    }

    @Test
    void aReusedMessageIdIsCaught() {
        var run = mutable(VirtualRuns.of(ONE_SIX_SIX, 10, 7).run(100).eventsByVm());
        List<Event> sends = run.get("vm3").stream().filter(e -> e.type() == EventType.SEND).toList();
        Event second = sends.get(1);
        replace(run, second, new Event(second.seq(), second.vm(), second.type(), second.systemTime(), second.logicalClock(),
                second.queueLength(), second.to(), sends.get(0).messageId(), null, null));

        assertThat(RunChecker.check(run).of(Rule.UNIQUE_MESSAGE_ID)).isNotEmpty();
    }

    private static Map<String, List<Event>> mutable(Map<String, List<Event>> run) {
        Map<String, List<Event>> copy = new LinkedHashMap<>();
        run.forEach((vm, events) -> copy.put(vm, new ArrayList<>(events)));
        return copy;
    }

    private static Event first(List<Event> events, Predicate<Event> condition) {
        return events.stream().filter(condition).findFirst().orElseThrow();
    }

    private static long previousClock(List<Event> events, Event event) {
        return event.seq() == 1 ? 0 : events.get((int) event.seq() - 2).logicalClock();
    }

    private static Event withClock(Event e, long clock) {
        return new Event(e.seq(), e.vm(), e.type(), e.systemTime(), clock, e.queueLength(), e.to(), e.messageId(), e.from(), e.messageClock());
    }

    private static void replace(Map<String, List<Event>> run, Event old, Event replacement) {
        List<Event> events = run.get(old.vm());
        events.set(events.indexOf(old), replacement);
    }

    private static List<Violation> violationsAt(Map<String, List<Event>> run, Rule rule, Event event) {
        return RunChecker.check(run).of(rule).stream()
                .filter(v -> v.vm().equals(event.vm()) && v.seq() == event.seq()).toList();
    }
}
