package io.clocklab.core.analysis;

import io.clocklab.core.model.Event;
import io.clocklab.core.model.EventType;

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
 * What became of every message of a run: for each SEND and each recipient in its {@code to}, the
 * message was received (its recipient logged a RECEIVE of it), is undelivered for a reason
 * ({@link Undelivered.Reason}), or is lost. Pure: the same {@link RunData} gives the same report.
 * The rules are in {@code docs/analysis.md} ("Message delivery").
 * <p>
 * <b>With the end state</b> (collected from the VMs when the run ended) every pair that was not
 * received is, in this order: QUEUED when the recipient's queue held it; IN_TRANSIT when its sender
 * listed it as not confirmed by the recipient; RECIPIENT_DOWN when the recipient was down until
 * the end; IN_TRANSIT when its sender was down until the end (nobody could list it then, and the
 * recipient had not confirmed it); otherwise lost.
 * <p>
 * <b>Without it</b> (older runs, plain log folders) only what the logs show is attributed, per
 * recipient, from its last event L and L's queueLength q. A message never received although one
 * sent after its {@link #deadline} was received is lost (the queue is first in, first out). The
 * other unreceived messages whose deadline is before L must all be in the queue: while there are
 * at most q of them they are QUEUED, the queue's remaining places go to the next unreceived
 * messages in the order they were sent, and the rest are IN_TRANSIT. When more messages must be in
 * the queue than it held, some were lost but the logs cannot tell which: those pairs are left
 * unattributed ({@link DeliveryReport#unaccounted()}), and so are the messages of a recipient
 * without events. A recipient down until the end has all its unreceived messages RECIPIENT_DOWN.
 * While a run is still going nothing is lost yet: the q oldest are QUEUED, the others IN_TRANSIT.
 */
public final class DeliveryAccounting {

    /** How long a message may take to reach its recipient's queue on a healthy network, wall clocks' disagreement included. */
    public static final Duration UNCERTAIN = Duration.ofSeconds(1);
    /**
     * How long after an outage of its sender or recipient a message may still take: the VM rejoins the
     * run, its peers reconnect with backoff (at most 5 s between tries) and re-send what is not confirmed.
     */
    public static final Duration AFTER_OUTAGE = Duration.ofSeconds(10);

    private static final Comparator<Event> SENT_ORDER = Comparator.comparing(Event::systemTime)
            .thenComparing(Event::vm).thenComparingLong(Event::seq);

    private DeliveryAccounting() {
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
        Map<String, Set<String>> unconfirmed = unconfirmedSets(run.endState());
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

    private static Books books(RunData run, String recipient, List<Event> sends, Map<String, Set<String>> unconfirmed) {
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

    private static void exact(RunData run, String recipient, List<Event> unreceived, Map<String, Set<String>> unconfirmed,
                              Undelivered.Reason[] reasons, boolean[] lost) {
        Set<String> queued = new HashSet<>(run.endState().queuedAt(recipient));
        boolean recipientDown = run.downAtTheEnd(recipient);
        for (int i = 0; i < unreceived.size(); i++) {
            Event send = unreceived.get(i);
            String id = send.messageId();
            if (queued.contains(id)) {
                reasons[i] = Undelivered.Reason.QUEUED;
            } else if (unconfirmed.getOrDefault(key(send.vm(), recipient), Set.of()).contains(id)) {
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

    private static Map<String, Set<String>> unconfirmedSets(EndState endState) {
        Map<String, Set<String>> sets = new HashMap<>();
        if (endState != null) {
            endState.unconfirmed().forEach((sender, byRecipient) -> byRecipient.forEach((recipient, ids) ->
                    sets.put(key(sender, recipient), new HashSet<>(ids))));
        }
        return sets;
    }

    private static String key(String sender, String recipient) {
        return sender + "\n" + recipient;
    }
}
