package io.clocklab.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The messages one sender sent to one recipient whose seq (their id's number, {@link MessageIds}) is
 * above {@code after} and at most {@code upTo}; empty when {@code upTo <= after}. The sender's log
 * says which seqs in the range went to that recipient: two numbers stand for any number of messages,
 * which is how a VM reports what a peer has not confirmed, however long the peer was away.
 * <p>
 * JSON: {@code {"after":40,"upTo":57}}. A list of ids, as {@code run.json} had it before ranges, reads
 * as the same range ({@link #ofIds(List)}).
 */
public record SentRange(long after, long upTo) {

    public static final SentRange NONE = new SentRange(0, 0);

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public SentRange {
        if (after < 0 || upTo < 0) {
            throw new IllegalArgumentException("a sent range's seqs are at least 0, got (" + after + ", " + upTo + "]");
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return upTo <= after;
    }

    public boolean contains(long seq) {
        return seq > after && seq <= upTo;
    }

    /**
     * As {@link #ofIds(String, List)} without checking the sender: for JSON, where it is the enclosing
     * key ({@code run.json} written before ranges).
     *
     * @throws IllegalArgumentException when an id does not end in {@code -<seq>}
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SentRange ofIds(List<String> ids) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (String id : ids) {
            long seq = MessageIds.seqOf(id);
            min = Math.min(min, seq);
            max = Math.max(max, seq);
        }
        return max == 0 ? NONE : new SentRange(min - 1, max);
    }

    /**
     * The range of a list of ids that {@code sender} sent to one recipient, oldest first, as the
     * delivery endpoint and {@code run.json} gave them before ranges: every message to that recipient
     * from the first to the last, so (first - 1, last] holds exactly those.
     *
     * @throws IllegalArgumentException when an id is not {@code <sender>-<seq>}
     */
    public static SentRange ofIds(String sender, List<String> ids) {
        for (String id : ids) {
            if (MessageIds.seqIfFrom(sender, id) < 1) {
                throw new IllegalArgumentException("message id " + id + " is not " + sender + "-<seq>");
            }
        }
        return ofIds(ids);
    }
}
