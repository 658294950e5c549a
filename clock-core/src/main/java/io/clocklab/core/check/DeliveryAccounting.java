package io.clocklab.core.check;

import io.clocklab.core.check.RunJoin;
import io.clocklab.core.model.Event;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.core.run.Outage;
import io.clocklab.core.run.RunData;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * <p>
 * The run is streamed, never held ({@link RunJoin}: an external sort joins each SEND with its
 * RECEIVEs and the end state), in memory bounded by {@link AnalysisLimits}. Every pair is counted;
 * the lists name the first {@code shownPerList}.
 */
public final class DeliveryAccounting {

    /** How long a message may take to reach its recipient's queue on a healthy network, wall clocks' disagreement included. */
    public static final Duration UNCERTAIN = Duration.ofSeconds(1);
    /**
     * How long after an outage of its sender or recipient a message may still take: the VM rejoins the
     * run, its peers reconnect with backoff (at most 5 s between tries) and re-send what is not confirmed.
     */
    public static final Duration AFTER_OUTAGE = Duration.ofSeconds(10);

    private DeliveryAccounting() {
    }

    /**
     * One recipient's books.
     *
     * @param last             its last event, null when it logged none
     * @param undelivered      the first of its undelivered pairs (at most {@code shownPerList}), oldest first
     * @param lostIds          the ids of the first messages to it that were lost (at most {@code shownPerList}), oldest first
     * @param undeliveredCount all its undelivered pairs
     * @param lostCount        all its lost pairs
     */
    public record Books(String recipient, Event last, long addressed, long received, List<Undelivered> undelivered,
                        List<String> lostIds, long undeliveredCount, long lostCount) {

        public Books {
            undelivered = List.copyOf(undelivered);
            lostIds = List.copyOf(lostIds);
            undeliveredCount = Math.max(undeliveredCount, undelivered.size());
            lostCount = Math.max(lostCount, lostIds.size());
        }

        /** Everything listed. */
        public Books(String recipient, Event last, long addressed, long received, List<Undelivered> undelivered, List<String> lostIds) {
            this(recipient, last, addressed, received, undelivered, lostIds, undelivered.size(), lostIds.size());
        }
    }

    /** {@link #account(RunData, AnalysisLimits)} with {@link AnalysisLimits#DEFAULT}. */
    public static DeliveryReport account(RunData run) {
        return account(run, AnalysisLimits.DEFAULT);
    }

    /**
     * Every (SEND, recipient) pair of the run: received, undelivered with a reason, or lost. Every pair
     * is counted; each list names the first {@code shownPerList} pairs. The run is streamed, in memory
     * bounded by {@code limits} ({@link RunJoin}).
     */
    public static DeliveryReport account(RunData run, AnalysisLimits limits) {
        return RunJoin.account(run, limits);
    }

    /** {@link #byRecipient(RunData, AnalysisLimits)} with {@link AnalysisLimits#DEFAULT}. */
    public static List<Books> byRecipient(RunData run) {
        return byRecipient(run, AnalysisLimits.DEFAULT);
    }

    /**
     * The same accounting per recipient, in the run's VM order, then any other VM a SEND named.
     * A recipient nothing was sent to is left out. Each recipient's lists name at most
     * {@code shownPerList} pairs.
     */
    public static List<Books> byRecipient(RunData run, AnalysisLimits limits) {
        return RunJoin.books(run, limits);
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
}
