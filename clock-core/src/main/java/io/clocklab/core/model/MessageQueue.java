package io.clocklab.core.model;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A machine's inbox. Receivers add at network speed from any thread; the ticker takes one message
 * per tick. The size is kept apart because {@link ConcurrentLinkedQueue#size()} walks the queue.
 */
public final class MessageQueue {

    private final ConcurrentLinkedQueue<Message> messages = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public void add(Message message) {
        messages.add(message);
        size.incrementAndGet();
    }

    /** The oldest message, or null when the queue is empty. */
    public Message poll() {
        Message message = messages.poll();
        if (message != null) {
            size.decrementAndGet();
        }
        return message;
    }

    /** The messages waiting, oldest first; weakly consistent while receivers add and the ticker takes. */
    public List<Message> snapshot() {
        return List.copyOf(messages);
    }

    public int size() {
        return size.get();
    }

    public void clear() {
        while (poll() != null) {
            // drain so the size stays exact even while receivers keep adding
        }
    }
}
