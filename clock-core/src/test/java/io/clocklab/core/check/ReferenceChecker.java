package io.clocklab.core.check;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.model.SentRange;
import io.clocklab.core.run.EndState;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checker and the delivery accounting as they were before they streamed (commit d24f2f1): the
 * whole run in memory, every violation and every pair listed. Kept only as the reference the
 * streaming engine ({@link RunJoin}) is compared with on runs that fit in memory.
 */
final class ReferenceChecker {

    private ReferenceChecker() {
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
            Conservation.check(run, violations);
        }
        run.eventsByVm().forEach((vm, log) -> {
            Integer rate = run.clockRates().get(vm);
            if (rate != null && rate > 0) {
                RateLimit.check(vm, rate, log, run.outagesOf(vm), violations);
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


    static final class Accounting {

        /** How long a message may take to reach its recipient's queue on a healthy network, wall clocks' disagreement included. */
        static final Duration UNCERTAIN = Duration.ofSeconds(1);
        /**
         * How long after an outage of its sender or recipient a message may still take: the VM rejoins the
         * run, its peers reconnect with backoff (at most 5 s between tries) and re-send what is not confirmed.
         */
        static final Duration AFTER_OUTAGE = Duration.ofSeconds(10);

        private static final Comparator<Event> SENT_ORDER = Comparator.comparing(Event::systemTime)
                .thenComparing(Event::vm).thenComparingLong(Event::seq);

        private Accounting() {
        }

        /**
         * One recipient's books.
         *
         * @param last    its last event, null when it logged none
         * @param lostIds the ids of the messages to it that were lost, oldest first
         */
        public record Books(String recipient, Event last, long addressed, long received, List<Undelivered> undelivered,
                           List<String> lostIds) {

            public Books {
                undelivered = List.copyOf(undelivered);
                lostIds = List.copyOf(lostIds);
            }
        }

        /** Every (SEND, recipient) pair of the run: received, undelivered with a reason, or lost. */
        public static DeliveryReport account(RunData run) {
            long addressed = 0;
            long received = 0;
            List<Undelivered> undelivered = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            for (Books books : byRecipient(run)) {
                addressed += books.addressed();
                received += books.received();
                undelivered.addAll(books.undelivered());
                books.lostIds().forEach(id -> lost.add(DeliveryReport.lostPair(id, books.recipient())));
            }
            return new DeliveryReport(addressed, received, undelivered, lost);
        }

        /**
         * The same accounting per recipient, in the run's VM order, then any other VM a SEND named.
         * A recipient nothing was sent to is left out.
         */
        public static List<Books> byRecipient(RunData run) {
            Map<String, List<Event>> addressedTo = new LinkedHashMap<>();
            run.clockRates().keySet().forEach(vm -> addressedTo.put(vm, new ArrayList<>()));
            run.eventsByVm().keySet().forEach(vm -> addressedTo.putIfAbsent(vm, new ArrayList<>()));
            for (List<Event> log : run.eventsByVm().values()) {
                for (Event event : log) {
                    if (event.type() == EventType.SEND && event.to() != null) {
                        List<String> recipients = event.to();
                        for (int i = 0; i < recipients.size(); i++) {
                            String to = recipients.get(i);
                            if (recipients.indexOf(to) == i) { // a recipient named twice is one pair
                                addressedTo.computeIfAbsent(to, vm -> new ArrayList<>()).add(event);
                            }
                        }
                    }
                }
            }
            Map<String, SentRange> unconfirmed = unconfirmedRanges(run.endState());
            List<Books> all = new ArrayList<>();
            for (var entry : addressedTo.entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    all.add(books(run, entry.getKey(), entry.getValue(), unconfirmed));
                }
            }
            return all;
        }

        /**
         * By when a message sent at {@code sentAt} from {@code from} to {@code to} must have reached the
         * recipient's queue: {@link #UNCERTAIN} after it was sent, or {@link #AFTER_OUTAGE} after the end
         * of an outage of either VM that was not yet over (counting that margin) when it was sent, whichever
         * is later; null (never) when such an outage lasted until the end of the run.
         */
        public static Instant deadline(Instant sentAt, String from, String to, List<Outage> outages) {
            Instant deadline = sentAt.plus(UNCERTAIN);
            for (Outage outage : outages) {
                if (!outage.vm().equals(from) && !outage.vm().equals(to)) {
                    continue;
                }
                if (outage.untilTheEnd()) {
                    return null;
                }
                Instant settled = outage.to().plus(AFTER_OUTAGE);
                if (!settled.isBefore(sentAt) && settled.isAfter(deadline)) {
                    deadline = settled;
                }
            }
            return deadline;
        }

        private static Books books(RunData run, String recipient, List<Event> sends, Map<String, SentRange> unconfirmed) {
            List<Event> log = run.eventsByVm().getOrDefault(recipient, List.of());
            Set<String> receivedIds = new HashSet<>();
            for (Event event : log) {
                if (event.type() == EventType.RECEIVE && event.messageId() != null) {
                    receivedIds.add(event.messageId());
                }
            }
            List<Event> sorted = new ArrayList<>(sends);
            sorted.sort(SENT_ORDER);
            List<Event> unreceived = new ArrayList<>();
            Instant newestReceivedSentAt = null;
            for (Event send : sorted) {
                if (receivedIds.contains(send.messageId())) {
                    newestReceivedSentAt = send.systemTime();
                } else {
                    unreceived.add(send);
                }
            }
            Event last = log.isEmpty() ? null : log.get(log.size() - 1);
            Undelivered.Reason[] reasons = new Undelivered.Reason[unreceived.size()];
            boolean[] lost = new boolean[unreceived.size()];
            if (run.endState() != null) {
                exact(run, recipient, unreceived, unconfirmed, reasons, lost);
            } else {
                inferred(run, recipient, last, newestReceivedSentAt, unreceived, reasons, lost);
            }
            List<Undelivered> undelivered = new ArrayList<>();
            List<String> lostIds = new ArrayList<>();
            for (int i = 0; i < unreceived.size(); i++) {
                Event send = unreceived.get(i);
                if (reasons[i] != null) {
                    undelivered.add(new Undelivered(send.messageId(), send.vm(), recipient, reasons[i]));
                } else if (lost[i]) {
                    lostIds.add(send.messageId());
                }
            }
            return new Books(recipient, last, sends.size(), sends.size() - unreceived.size(), undelivered, lostIds);
        }

        private static void exact(RunData run, String recipient, List<Event> unreceived, Map<String, SentRange> unconfirmed,
                                  Undelivered.Reason[] reasons, boolean[] lost) {
            Set<String> queued = new HashSet<>(run.endState().queuedAt(recipient));
            boolean recipientDown = run.downAtTheEnd(recipient);
            for (int i = 0; i < unreceived.size(); i++) {
                Event send = unreceived.get(i);
                String id = send.messageId();
                if (queued.contains(id)) {
                    reasons[i] = Undelivered.Reason.QUEUED;
                } else if (unconfirmed.getOrDefault(key(send.vm(), recipient), SentRange.NONE).contains(MessageIds.seqIfFrom(send.vm(), id))) {
                    reasons[i] = Undelivered.Reason.IN_TRANSIT;
                } else if (recipientDown) {
                    reasons[i] = Undelivered.Reason.RECIPIENT_DOWN;
                } else if (run.downAtTheEnd(send.vm())) {
                    reasons[i] = Undelivered.Reason.IN_TRANSIT;
                } else {
                    lost[i] = true;
                }
            }
        }

        private static void inferred(RunData run, String recipient, Event last, Instant newestReceivedSentAt, List<Event> unreceived,
                                     Undelivered.Reason[] reasons, boolean[] lost) {
            if (run.downAtTheEnd(recipient)) {
                Arrays.fill(reasons, Undelivered.Reason.RECIPIENT_DOWN);
                return;
            }
            if (last == null) {
                return; // no queue length known: nothing can be said
            }
            int queueLength = last.queueLength();
            if (!run.finished()) {
                for (int i = 0; i < unreceived.size(); i++) {
                    reasons[i] = i < queueLength ? Undelivered.Reason.QUEUED : Undelivered.Reason.IN_TRANSIT;
                }
                return;
            }
            List<Integer> mustHaveArrived = new ArrayList<>();
            List<Integer> mayNotHave = new ArrayList<>();
            for (int i = 0; i < unreceived.size(); i++) {
                Event send = unreceived.get(i);
                Instant deadline = deadline(send.systemTime(), send.vm(), recipient, run.outages());
                if (deadline != null && newestReceivedSentAt != null && deadline.isBefore(newestReceivedSentAt)) {
                    lost[i] = true; // overtaken: a message sent after it should have arrived was received
                } else if (deadline != null && deadline.isBefore(last.systemTime())) {
                    mustHaveArrived.add(i);
                } else {
                    mayNotHave.add(i);
                }
            }
            int slots = queueLength;
            if (mustHaveArrived.size() <= slots) {
                mustHaveArrived.forEach(i -> reasons[i] = Undelivered.Reason.QUEUED);
                slots -= mustHaveArrived.size();
            } else {
                slots = 0; // some of these were lost, which ones the logs cannot tell: left unattributed
            }
            for (int i : mayNotHave) {
                reasons[i] = slots-- > 0 ? Undelivered.Reason.QUEUED : Undelivered.Reason.IN_TRANSIT;
            }
        }

        private static Map<String, SentRange> unconfirmedRanges(EndState endState) {
            Map<String, SentRange> ranges = new HashMap<>();
            if (endState != null) {
                endState.unconfirmed().forEach((sender, byRecipient) -> byRecipient.forEach((recipient, range) ->
                        ranges.put(key(sender, recipient), range)));
            }
            return ranges;
        }

        private static String key(String sender, String recipient) {
            return sender + "\n" + recipient;
        }
    }

    static final class Conservation {

        /** Network delay on one side, wall-clock disagreement between machines on the other: milliseconds when healthy. */
        static final Duration UNCERTAIN = Accounting.UNCERTAIN;

        static final int IDS_SHOWN = 5;

        private Conservation() {
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
            for (Accounting.Books books : Accounting.byRecipient(run)) {
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
                deadlines[i] = Accounting.deadline(send.systemTime(), send.vm(), vm, run.outages());
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
                        + (outagesMatter ? " (and " + Accounting.AFTER_OUTAGE.toMillis() + " ms after any outage of it or their sender)" : "")
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

    static final class RateLimit {

        static final Duration WINDOW = Duration.ofSeconds(1);
        static final Duration SLACK = Duration.ofMillis(1);

        private RateLimit() {
        }

        /** @param outages the outages of this VM */
        static void check(String vm, int rate, List<Event> events, List<Outage> outages, List<Violation> violations) {
            int allowed = rate + 1;
            Duration shortest = WINDOW.minus(SLACK);
            boolean inBurst = false;
            for (int i = allowed; i < events.size(); i++) {
                Event first = events.get(i - allowed);
                Event event = events.get(i);
                Duration span = Duration.between(first.systemTime(), event.systemTime());
                boolean overflow = span.compareTo(shortest) < 0 && !straddlesAnOutage(first, event, outages);
                if (overflow && !inBurst) {
                    violations.add(new Violation(Rule.RATE_LIMIT, vm, event.seq(), (allowed + 1) + " events (seq " + first.seq() + ".." + event.seq()
                            + ") within " + span.toNanos() / 1_000 / 1000.0 + " ms; at rate " + rate + " at most " + allowed
                            + " fit in any second"));
                }
                inBurst = overflow;
            }
        }

        private static boolean straddlesAnOutage(Event first, Event last, List<Outage> outages) {
            for (Outage outage : outages) {
                if (outage.overlaps(first.systemTime(), last.systemTime())) {
                    return true;
                }
            }
            return false;
        }
    }
}
