package io.clocklab.core.sim;

import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageQueue;

import java.util.Arrays;

/**
 * The messages on their way to one VM: a binary min-heap ordered by arrival time and then by the
 * order they were sent, in primitive arrays. Delivered into the VM's queue just before it ticks.
 */
final class Inbox {

    private long[] arrival = new long[16];
    private long[] sendOrder = new long[16];
    private Message[] messages = new Message[16];
    private int size;

    void add(long arrivalNanos, long order, Message message) {
        if (size == arrival.length) {
            int capacity = size * 2;
            arrival = Arrays.copyOf(arrival, capacity);
            sendOrder = Arrays.copyOf(sendOrder, capacity);
            messages = Arrays.copyOf(messages, capacity);
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(arrivalNanos, order, parent)) {
                break;
            }
            move(parent, at);
            at = parent;
        }
        put(at, arrivalNanos, order, message);
    }

    /** Moves every message that has arrived by {@code nowNanos} into {@code queue}, earliest first. */
    void deliverUntil(long nowNanos, MessageQueue queue) {
        while (size > 0 && arrival[0] <= nowNanos) {
            queue.add(messages[0]);
            removeFirst();
        }
    }

    int inFlight() {
        return size;
    }

    private void removeFirst() {
        int last = --size;
        long lastArrival = arrival[last];
        long lastOrder = sendOrder[last];
        Message lastMessage = messages[last];
        messages[last] = null;
        if (last == 0) {
            return;
        }
        int at = 0;
        int half = last >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            int right = child + 1;
            if (right < last && before(arrival[right], sendOrder[right], child)) {
                child = right;
            }
            if (!before(arrival[child], sendOrder[child], lastArrival, lastOrder)) {
                break;
            }
            move(child, at);
            at = child;
        }
        put(at, lastArrival, lastOrder, lastMessage);
    }

    private boolean before(long arrivalNanos, long order, int slot) {
        return before(arrivalNanos, order, arrival[slot], sendOrder[slot]);
    }

    private static boolean before(long arrivalA, long orderA, long arrivalB, long orderB) {
        return arrivalA < arrivalB || (arrivalA == arrivalB && orderA < orderB);
    }

    private void move(int from, int to) {
        arrival[to] = arrival[from];
        sendOrder[to] = sendOrder[from];
        messages[to] = messages[from];
    }

    private void put(int at, long arrivalNanos, long order, Message message) {
        arrival[at] = arrivalNanos;
        sendOrder[at] = order;
        messages[at] = message;
    }
}
