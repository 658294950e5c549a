package io.clocklab.core.check;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Rule#CONSERVATION}: no message is lost or made up. For each VM that logged at least one
 * event, with L its last event, every message addressed to it (a SEND to every peer counts once per
 * recipient) is either among its RECEIVEs or counted in {@code L.queueLength}, except those that
 * could not yet have reached its queue. Messages sent within {@link #UNCERTAIN} of L, before or
 * after, may go either way: before, they may still have been on the wire; after, they would be
 * counted only if the machines' wall clocks disagree. So, with {@code received + queued} the
 * messages the VM had by L:
 * <pre>
 *   sent to it before L - 1 s  <=  received + queued  <=  sent to it up to L + 1 s
 * </pre>
 * Counting alone lets a loss hide behind as many late arrivals, so the queue's order is used too:
 * it is first in, first out, so a message that was never received although one sent more than
 * {@link #UNCERTAIN} after it was received is lost. The violation reports the larger of the two
 * counts and names the overtaken messages.
 * <p>
 * Only meaningful once the run has finished; a VM with no events is skipped (no queue length known).
 */
final class ConservationRule {

    /** Network delay on one side, wall-clock disagreement between machines on the other: milliseconds when healthy. */
    static final Duration UNCERTAIN = Duration.ofSeconds(1);

    private static final int IDS_SHOWN = 5;

    private ConservationRule() {
    }

    static void check(Map<String, List<Event>> eventsByVm, List<Violation> violations) {
        for (var entry : eventsByVm.entrySet()) {
            List<Event> events = entry.getValue();
            if (!events.isEmpty()) {
                checkRecipient(entry.getKey(), events, eventsByVm, violations);
            }
        }
    }

    private static void checkRecipient(String vm, List<Event> events, Map<String, List<Event>> eventsByVm, List<Violation> violations) {
        Event last = events.get(events.size() - 1);
        Instant surelyArrived = last.systemTime().minus(UNCERTAIN);
        Instant possiblyArrived = last.systemTime().plus(UNCERTAIN);
        List<Event> addressed = new ArrayList<>();
        for (List<Event> sender : eventsByVm.values()) {
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
        long queued = last.queueLength();
        long accounted = received + queued;
        long mustHave = addressed.stream().filter(send -> send.systemTime().isBefore(surelyArrived)).count();
        long mayHave = addressed.stream().filter(send -> !send.systemTime().isAfter(possiblyArrived)).count();
        List<String> overtaken = overtaken(addressed, receivedSentAt);
        String books = vm + " received " + received + " and still holds " + queued + " (" + accounted + ")";
        if (accounted > mayHave) {
            violations.add(new Violation(Rule.CONSERVATION, vm, last.seq(), books + ", but only " + mayHave
                    + " messages were sent to it by then: " + (accounted - mayHave) + " too many"));
        } else if (accounted < mustHave || !overtaken.isEmpty()) {
            long lost = Math.max(mustHave - accounted, overtaken.size());
            String shown = String.join(", ", overtaken.subList(0, Math.min(IDS_SHOWN, overtaken.size())));
            violations.add(new Violation(Rule.CONSERVATION, vm, last.seq(), books + " of " + mustHave
                    + " messages sent to it more than " + UNCERTAIN.toMillis() + " ms before its last event: at least " + lost + " lost"
                    + (overtaken.isEmpty() ? "" : "; never received though later ones were: " + shown
                    + (overtaken.size() > IDS_SHOWN ? " and " + (overtaken.size() - IDS_SHOWN) + " more" : ""))));
        }
    }

    /** The messages never received although a message sent more than {@link #UNCERTAIN} later was, oldest first. */
    private static List<String> overtaken(List<Event> addressed, Map<String, Instant> receivedSentAt) {
        Instant newestReceived = receivedSentAt.values().stream().max(Comparator.naturalOrder()).orElse(null);
        if (newestReceived == null) {
            return List.of();
        }
        Instant overtakenBefore = newestReceived.minus(UNCERTAIN);
        return addressed.stream()
                .filter(send -> !receivedSentAt.containsKey(send.messageId()) && send.systemTime().isBefore(overtakenBefore))
                .sorted(Comparator.comparing(Event::systemTime))
                .map(Event::messageId)
                .toList();
    }
}
