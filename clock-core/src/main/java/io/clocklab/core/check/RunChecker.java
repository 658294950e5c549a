package io.clocklab.core.check;

import io.clocklab.core.analysis.RunData;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a run's events against every {@link Rule}. Give it each VM's complete log of the run, in
 * seq order. Pure: no I/O, the same input gives the same verdict.
 */
public final class RunChecker {

    private RunChecker() {
    }

    /**
     * Every rule: the event rules of {@link #check(Map)}, {@link Rule#CONSERVATION} once the run has
     * finished (exact when the run's end state is known, by counting otherwise), and
     * {@link Rule#RATE_LIMIT} for each VM whose rate is known. The run's outages are taken into
     * account: a VM down until the end loses nothing, and no window across an outage is a burst.
     */
    public static CheckReport check(RunData run) {
        CheckReport events = check(run.eventsByVm());
        List<Violation> violations = new ArrayList<>(events.violations());
        if (run.finished()) {
            ConservationRule.check(run, violations);
        }
        run.eventsByVm().forEach((vm, log) -> {
            Integer rate = run.clockRates().get(vm);
            if (rate != null && rate > 0) {
                RateLimitRule.check(vm, rate, log, run.outagesOf(vm), violations);
            }
        });
        return new CheckReport(events.eventsChecked(), violations);
    }

    /**
     * The rules that need only the events: all but {@link Rule#CONSERVATION} (which needs to know the
     * run has finished) and {@link Rule#RATE_LIMIT} (which needs the rates).
     */
    public static CheckReport check(Map<String, List<Event>> eventsByVm) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Event> sends = new HashMap<>();
        long total = 0;
        for (var entry : eventsByVm.entrySet()) {
            total += entry.getValue().size();
            checkOneVm(entry.getKey(), entry.getValue(), violations);
            for (Event event : entry.getValue()) {
                if (event.type() == EventType.SEND && sends.putIfAbsent(event.messageId(), event) != null) {
                    violations.add(new Violation(Rule.UNIQUE_MESSAGE_ID, event.vm(), event.seq(),
                            "messageId " + event.messageId() + " was already sent by " + sends.get(event.messageId()).vm()));
                }
            }
        }
        Set<String> delivered = new HashSet<>();
        for (List<Event> events : eventsByVm.values()) {
            for (Event event : events) {
                if (event.type() == EventType.RECEIVE) {
                    checkReceive(event, sends.get(event.messageId()), delivered, violations);
                }
            }
        }
        return new CheckReport(total, violations);
    }

    private static void checkOneVm(String vm, List<Event> events, List<Violation> violations) {
        long previousClock = 0;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event.seq() != i + 1L) {
                violations.add(new Violation(Rule.SEQ_CONTIGUOUS, vm, event.seq(), "expected seq " + (i + 1)));
            }
            if (!vm.equals(event.vm())) {
                violations.add(new Violation(Rule.SEQ_CONTIGUOUS, vm, event.seq(), "event of " + event.vm() + " in the log of " + vm));
            }
            long clock = event.logicalClock();
            if (clock <= previousClock) {
                violations.add(new Violation(Rule.CLOCK_INCREASES, vm, event.seq(), "clock " + clock + " after " + previousClock));
            }
            long expected = switch (event.type()) {
                case SEND, INTERNAL -> previousClock + 1;
                case RECEIVE -> event.messageClock() == null ? -1 : Math.max(previousClock, event.messageClock()) + 1;
            };
            if (clock != expected) {
                violations.add(new Violation(Rule.UPDATE_RULE, vm, event.seq(),
                        event.type() + " gave clock " + clock + ", the rule gives " + expected + " (clock before: " + previousClock
                                + (event.type() == EventType.RECEIVE ? ", messageClock: " + event.messageClock() : "") + ")"));
            }
            previousClock = clock;
        }
    }

    private static void checkReceive(Event receive, Event send, Set<String> delivered, List<Violation> violations) {
        String vm = receive.vm();
        if (!delivered.add(vm + "\n" + receive.messageId())) {
            violations.add(new Violation(Rule.NO_DUPLICATE_RECEIVE, vm, receive.seq(), "message " + receive.messageId() + " received again"));
        }
        if (send == null) {
            violations.add(new Violation(Rule.RECEIVE_MATCHES_SEND, vm, receive.seq(), "no SEND has messageId " + receive.messageId()));
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!send.vm().equals(receive.from())) {
            problems.add("from " + receive.from() + " but sent by " + send.vm());
        }
        if (send.to() == null || !send.to().contains(vm)) {
            problems.add("the SEND (" + send.vm() + "#" + send.seq() + ") went to " + send.to());
        }
        if (receive.messageClock() == null || receive.messageClock() != send.logicalClock()) {
            problems.add("messageClock " + receive.messageClock() + " but the SEND's clock was " + send.logicalClock());
        }
        if (receive.logicalClock() <= send.logicalClock()) {
            problems.add("receive clock " + receive.logicalClock() + " is not after the SEND's " + send.logicalClock());
        }
        if (!problems.isEmpty()) {
            violations.add(new Violation(Rule.RECEIVE_MATCHES_SEND, vm, receive.seq(), receive.messageId() + ": " + String.join("; ", problems)));
        }
    }
}
