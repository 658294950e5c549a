package io.clocklab.core.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * <p>
 * The counting and the matching are done by {@link RunJoin} in one streaming pass over the run; this
 * class words the verdicts. Whatever the number of messages, a violation names at most
 * {@link #IDS_SHOWN} of them and counts the rest.
 */
final class ConservationRule {

    /** Network delay on one side, wall-clock disagreement between machines on the other: milliseconds when healthy. */
    static final Duration UNCERTAIN = DeliveryAccounting.UNCERTAIN;

    static final int IDS_SHOWN = 5;

    private ConservationRule() {
    }

    /** With the end state: the messages to {@code vm} that nobody held at the end. */
    static String lost(String vm, long lost, List<String> firstIds) {
        return lost + (lost == 1 ? " message" : " messages") + " sent to " + vm
                + " never received, not in its queue at the end, not listed as unconfirmed by the sender, and "
                + vm + " was not down at the end: lost " + shown(firstIds, lost);
    }

    /** What one VM's queue at the end held that it should not have: each kind counted, its first ids in queue order. */
    static final class QueueProblems {
        final FirstIds neverSent = new FirstIds();
        final FirstIds alreadyReceived = new FirstIds();
        final FirstIds twice = new FirstIds();

        String detail(String vm) {
            List<String> problems = new ArrayList<>();
            if (neverSent.count > 0) {
                problems.add("never sent to it: " + shown(neverSent.ids(), neverSent.count));
            }
            if (alreadyReceived.count > 0) {
                problems.add("already received: " + shown(alreadyReceived.ids(), alreadyReceived.count));
            }
            if (twice.count > 0) {
                problems.add("more than once: " + shown(twice.ids(), twice.count));
            }
            return "the queue of " + vm + " at the end holds messages it should not: " + String.join("; ", problems);
        }
    }

    /** Counts ids and keeps the {@link #IDS_SHOWN} with the smallest positions, whatever order they come in. */
    static final class FirstIds {
        private final long[] positions = new long[IDS_SHOWN];
        private final String[] ids = new String[IDS_SHOWN];
        private int size;
        long count;

        void add(long position, String id) {
            count++;
            if (size == IDS_SHOWN && position >= positions[size - 1]) {
                return;
            }
            int i = Math.min(size, IDS_SHOWN - 1);
            while (i > 0 && positions[i - 1] > position) {
                positions[i] = positions[i - 1];
                ids[i] = ids[i - 1];
                i--;
            }
            positions[i] = position;
            ids[i] = id;
            size = Math.min(size + 1, IDS_SHOWN);
        }

        List<String> ids() {
            return List.copyOf(Arrays.asList(ids).subList(0, size));
        }
    }

    /**
     * Without the end state: the books of one VM that logged events, or null when they balance.
     *
     * @param received       its RECEIVE events
     * @param queued         its last event's queueLength
     * @param mayHave        messages sent to it up to {@link #UNCERTAIN} after its last event
     * @param mustHave       messages sent to it whose deadline is before its last event
     * @param outagesMatter  true when an outage moved some message's deadline
     * @param overtaken      messages never received although one sent after their deadline was
     * @param overtakenFirst the first of those, oldest first
     */
    static String counted(String vm, long received, long queued, long mayHave, long mustHave, boolean outagesMatter,
                          long overtaken, List<String> overtakenFirst) {
        long accounted = received + queued;
        String books = vm + " received " + received + " and still holds " + queued + " (" + accounted + ")";
        if (accounted > mayHave) {
            return books + ", but only " + mayHave + " messages were sent to it by then: " + (accounted - mayHave) + " too many";
        }
        if (accounted < mustHave || overtaken > 0) {
            long lost = Math.max(mustHave - accounted, overtaken);
            return books + " of " + mustHave + " messages sent to it more than " + UNCERTAIN.toMillis() + " ms before its last event"
                    + (outagesMatter ? " (and " + DeliveryAccounting.AFTER_OUTAGE.toMillis() + " ms after any outage of it or their sender)" : "")
                    + ": at least " + lost + " lost"
                    + (overtaken == 0 ? "" : "; never received though later ones were: " + shown(overtakenFirst, overtaken));
        }
        return null;
    }

    /** Up to {@link #IDS_SHOWN} ids, then how many more. */
    static String shown(List<String> ids) {
        return shown(ids, ids.size());
    }

    /** The first ids (up to {@link #IDS_SHOWN}) of {@code total}, then how many more. */
    static String shown(List<String> first, long total) {
        String shown = String.join(", ", first.subList(0, (int) Math.min(IDS_SHOWN, first.size())));
        long shownCount = Math.min(IDS_SHOWN, first.size());
        return total > shownCount ? shown + " and " + (total - shownCount) + " more" : shown;
    }
}
