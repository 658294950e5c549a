package io.clocklab.core.check;

import io.clocklab.core.analysis.DeliveryAccounting;
import io.clocklab.core.analysis.RunData;
import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Rule#CONSERVATION}: no message is lost or made up. Only meaningful once the run has finished.
 * <p>
 * <b>With the run's end state</b> the rule is exact ({@link DeliveryAccounting}): every (SEND,
 * recipient) pair was received, or was still in the recipient's queue, or not confirmed by the
 * recipient according to its sender, or its recipient was down until the end (or its sender, which
 * then could not list it). Any other pair is lost: one violation per recipient, at its last event,
 * naming the lost messages. And a queue at the end holds only messages sent to that VM, not yet
 * received, each once.
 * <p>
 * <b>Without it</b> the books are balanced by counting. For each VM that logged at least one event,
 * with L its last event, every message addressed to it is either among its RECEIVEs or counted in
 * {@code L.queueLength}, except those that could not yet have reached its queue. A message must
 * have arrived by its {@link DeliveryAccounting#deadline deadline}: {@link #UNCERTAIN} after it was
 * sent, or {@link DeliveryAccounting#AFTER_OUTAGE} after an outage of its sender or recipient, never
 * if one was down until the end. Messages sent within {@link #UNCERTAIN} after L may have been
 * counted only if the machines' wall clocks disagree. So, with {@code received + queued} the messages
 * the VM had by L:
 * <pre>
 *   sent to it with a deadline before L  <=  received + queued  <=  sent to it up to L + 1 s
 * </pre>
 * Counting alone lets a loss hide behind as many late arrivals, so the queue's order is used too:
 * it is first in, first out, so a message that was never received although one sent after its
 * deadline was received is lost. The violation reports the larger of the two counts and names the
 * overtaken messages. A VM with no events is skipped (no queue length known).
 */
final class ConservationRule {

    /** Network delay on one side, wall-clock disagreement between machines on the other: milliseconds when healthy. */
    static final Duration UNCERTAIN = DeliveryAccounting.UNCERTAIN;

    static final int IDS_SHOWN = 5;

    private ConservationRule() {
    }

    static void check(RunData run, List<Violation> violations) {
        if (run.endState() != null) {
            exact(run, violations);
            return;
        }
        for (var entry : run.eventsByVm().entrySet()) {
            List<Event> events = entry.getValue();
            if (!events.isEmpty()) {
                checkRecipient(entry.getKey(), events, run, violations);
            }
        }
    }

    private static void exact(RunData run, List<Violation> violations) {
        for (DeliveryAccounting.Books books : DeliveryAccounting.byRecipient(run)) {
            List<String> lost = books.lostIds();
            if (!lost.isEmpty()) {
                String vm = books.recipient();
                violations.add(new Violation(Rule.CONSERVATION, vm, books.last() == null ? 0 : books.last().seq(),
                        lost.size() + (lost.size() == 1 ? " message" : " messages") + " sent to " + vm
                                + " never received, not in its queue at the end, not listed as unconfirmed by the sender, and "
                                + vm + " was not down at the end: lost " + shown(lost)));
            }
        }
        Map<String, Set<String>> addressedIds = new HashMap<>();
        run.eventsByVm().values().forEach(log -> log.forEach(event -> {
            if (event.type() == EventType.SEND && event.to() != null) {
                event.to().forEach(to -> addressedIds.computeIfAbsent(to, vm -> new HashSet<>()).add(event.messageId()));
            }
        }));
        run.endState().queued().forEach((vm, queue) -> {
            List<Event> log = run.eventsByVm().getOrDefault(vm, List.of());
            Set<String> received = new HashSet<>();
            log.forEach(event -> {
                if (event.type() == EventType.RECEIVE) {
                    received.add(event.messageId());
                }
            });
            Set<String> seen = new HashSet<>();
            List<String> neverSent = new ArrayList<>();
            List<String> alreadyReceived = new ArrayList<>();
            List<String> twice = new ArrayList<>();
            for (String id : queue) {
                if (!seen.add(id)) {
                    twice.add(id);
                } else if (!addressedIds.getOrDefault(vm, Set.of()).contains(id)) {
                    neverSent.add(id);
                } else if (received.contains(id)) {
                    alreadyReceived.add(id);
                }
            }
            List<String> problems = new ArrayList<>();
            if (!neverSent.isEmpty()) {
                problems.add("never sent to it: " + shown(neverSent));
            }
            if (!alreadyReceived.isEmpty()) {
                problems.add("already received: " + shown(alreadyReceived));
            }
            if (!twice.isEmpty()) {
                problems.add("more than once: " + shown(twice));
            }
            if (!problems.isEmpty()) {
                violations.add(new Violation(Rule.CONSERVATION, vm, log.isEmpty() ? 0 : log.get(log.size() - 1).seq(),
                        "the queue of " + vm + " at the end holds messages it should not: " + String.join("; ", problems)));
            }
        });
    }

    private static void checkRecipient(String vm, List<Event> events, RunData run, List<Violation> violations) {
        Event last = events.get(events.size() - 1);
        Instant possiblyArrived = last.systemTime().plus(UNCERTAIN);
        List<Event> addressed = new ArrayList<>();
        for (List<Event> sender : run.eventsByVm().values()) {
            for (Event event : sender) {
                if (event.type() == EventType.SEND && event.to() != null && event.to().contains(vm)) {
                    addressed.add(event);
                }
            }
        }
        Map<String, Instant> receivedSentAt = new HashMap<>();
        Map<String, Instant> sentAt = new HashMap<>();
        addressed.forEach(send -> sentAt.putIfAbsent(send.messageId(), send.systemTime()));
        long received = 0;
        for (Event event : events) {
            if (event.type() == EventType.RECEIVE) {
                received++;
                Instant sent = sentAt.get(event.messageId());
                if (sent != null) {
                    receivedSentAt.put(event.messageId(), sent);
                }
            }
        }
        Instant[] deadlines = new Instant[addressed.size()];
        boolean outagesMatter = false;
        long mustHave = 0;
        long mayHave = 0;
        for (int i = 0; i < deadlines.length; i++) {
            Event send = addressed.get(i);
            deadlines[i] = DeliveryAccounting.deadline(send.systemTime(), send.vm(), vm, run.outages());
            outagesMatter |= !send.systemTime().plus(UNCERTAIN).equals(deadlines[i]);
            mustHave += arrivedBy(deadlines[i], last.systemTime()) ? 1 : 0;
            mayHave += send.systemTime().isAfter(possiblyArrived) ? 0 : 1;
        }
        long queued = last.queueLength();
        long accounted = received + queued;
        List<String> overtaken = overtaken(addressed, deadlines, receivedSentAt);
        String books = vm + " received " + received + " and still holds " + queued + " (" + accounted + ")";
        if (accounted > mayHave) {
            violations.add(new Violation(Rule.CONSERVATION, vm, last.seq(), books + ", but only " + mayHave
                    + " messages were sent to it by then: " + (accounted - mayHave) + " too many"));
        } else if (accounted < mustHave || !overtaken.isEmpty()) {
            long lost = Math.max(mustHave - accounted, overtaken.size());
            violations.add(new Violation(Rule.CONSERVATION, vm, last.seq(), books + " of " + mustHave
                    + " messages sent to it more than " + UNCERTAIN.toMillis() + " ms before its last event"
                    + (outagesMatter ? " (and " + DeliveryAccounting.AFTER_OUTAGE.toMillis() + " ms after any outage of it or their sender)" : "")
                    + ": at least " + lost + " lost"
                    + (overtaken.isEmpty() ? "" : "; never received though later ones were: " + shown(overtaken))));
        }
    }

    private static boolean arrivedBy(Instant deadline, Instant at) {
        return deadline != null && deadline.isBefore(at);
    }

    /** The messages never received although a message sent after their deadline was, oldest first. */
    private static List<String> overtaken(List<Event> addressed, Instant[] deadlines, Map<String, Instant> receivedSentAt) {
        Instant newestReceived = receivedSentAt.values().stream().max(Comparator.naturalOrder()).orElse(null);
        if (newestReceived == null) {
            return List.of();
        }
        List<Event> overtaken = new ArrayList<>();
        for (int i = 0; i < deadlines.length; i++) {
            Event send = addressed.get(i);
            if (!receivedSentAt.containsKey(send.messageId()) && arrivedBy(deadlines[i], newestReceived)) {
                overtaken.add(send);
            }
        }
        overtaken.sort(Comparator.comparing(Event::systemTime));
        return overtaken.stream().map(Event::messageId).toList();
    }

    /** Up to {@link #IDS_SHOWN} ids, then how many more. */
    static String shown(List<String> ids) {
        String shown = String.join(", ", ids.subList(0, Math.min(IDS_SHOWN, ids.size())));
        return ids.size() > IDS_SHOWN ? shown + " and " + (ids.size() - IDS_SHOWN) + " more" : shown;
    }
}
