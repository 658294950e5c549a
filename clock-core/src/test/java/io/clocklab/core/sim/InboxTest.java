package io.clocklab.core.sim;

import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageQueue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class InboxTest {

    private static Message message(String id) {
        return new Message("run", "a", id, 1);
    }

    private static List<String> drain(MessageQueue queue) {
        List<String> ids = new ArrayList<>();
        for (Message m = queue.poll(); m != null; m = queue.poll()) {
            ids.add(m.messageId());
        }
        return ids;
    }

    @Test
    void deliversOnlyWhatHasArrivedEarliestFirstAndSendOrderOnTies() {
        Inbox inbox = new Inbox();
        inbox.add(30, 0, message("late"));
        inbox.add(10, 2, message("tie-second"));
        inbox.add(10, 1, message("tie-first"));
        inbox.add(31, 3, message("not-yet"));
        MessageQueue queue = new MessageQueue();

        inbox.deliverUntil(30, queue);

        assertThat(drain(queue)).containsExactly("tie-first", "tie-second", "late");
        assertThat(inbox.inFlight()).isEqualTo(1);
    }

    @Test
    void keepsArrivalOrderAcrossManyMessages() {
        Inbox inbox = new Inbox();
        SplittableRandom random = new SplittableRandom(3);
        List<long[]> added = new ArrayList<>();
        for (int order = 0; order < 5000; order++) {
            long arrival = random.nextLong(0, 1000);
            inbox.add(arrival, order, message(arrival + "/" + order));
            added.add(new long[] {arrival, order});
        }
        MessageQueue queue = new MessageQueue();
        inbox.deliverUntil(Long.MAX_VALUE, queue);

        List<String> expected = added.stream()
                .sorted((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]))
                .map(a -> a[0] + "/" + a[1]).toList();
        assertThat(drain(queue)).containsExactlyElementsOf(expected);
        assertThat(inbox.inFlight()).isZero();
    }
}
