package io.clocklab.it;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An attacker that holds {@code count} TCP connections to a side port open and says nothing on
 * them: no HELLO, not a byte. Whenever the VM closes one (a refusal, a HELLO timeout), it opens
 * another in its place {@code reopenAfter} later, so the VM faces {@code count} idle sockets for as
 * long as this runs, not just for its HELLO timeout. One thread, one selector, non-blocking sockets.
 * It counts what it opened, what the VM closed and how long the VM held each one.
 */
final class IdleConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdleConnections.class);

    /** One of the {@code count} places: the socket in it now, if any, and when it was opened or is due again. */
    private static final class Slot {
        SocketChannel channel;
        long openedAt;
        long dueAt;
    }

    /**
     * What the attacker saw.
     *
     * @param opened           connections opened (established, from here)
     * @param failed           connection attempts that failed outright
     * @param closedByVm       connections the VM ended
     * @param medianHeldByVm   how long the VM kept the ones it ended, the median
     * @param longestHeldByVm  the longest the VM kept one it ended
     * @param openNow          connections open now
     * @param oldestOpen       how long the oldest open one has been open (Duration.ZERO when none)
     */
    record Stats(long opened, long failed, long closedByVm, Duration medianHeldByVm, Duration longestHeldByVm, int openNow,
                 Duration oldestOpen) {

        /** The longest the VM let one idle connection live: ended by it, or still open now. */
        Duration longestHeld() {
            return longestHeldByVm.compareTo(oldestOpen) >= 0 ? longestHeldByVm : oldestOpen;
        }

        @Override
        public String toString() {
            return opened + " connections opened (" + failed + " attempts failed), " + closedByVm + " closed by the VM (held median "
                    + ChaosFigures.seconds(medianHeldByVm) + ", longest " + ChaosFigures.seconds(longestHeldByVm) + "), " + openNow
                    + " open (the oldest for " + ChaosFigures.seconds(oldestOpen) + ")";
        }
    }

    private final InetSocketAddress target;
    private final long reopenAfterNanos;
    private final Slot[] slots;
    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer sink = ByteBuffer.allocate(512);
    private final Object statsLock = new Object();
    private final List<Long> heldByVm = new ArrayList<>();
    private long opened;
    private long failed;
    private volatile boolean running = true;

    IdleConnections(InetSocketAddress target, int count, Duration reopenAfter) {
        this.target = target;
        this.reopenAfterNanos = reopenAfter.toNanos();
        this.slots = new Slot[count];
        for (int i = 0; i < count; i++) {
            slots[i] = new Slot();
        }
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::loop, "idle-connections");
        thread.setDaemon(true);
    }

    /** Opens every connection at once and keeps them open until {@link #close()}. */
    IdleConnections start() {
        thread.start();
        return this;
    }

    Stats stats() {
        long now = System.nanoTime();
        synchronized (statsLock) {
            List<Long> held = new ArrayList<>(heldByVm);
            held.sort(null);
            int open = 0;
            long oldest = 0;
            for (Slot slot : slots) {
                if (slot.channel != null && slot.openedAt != 0) {
                    open++;
                    oldest = Math.max(oldest, now - slot.openedAt);
                }
            }
            return new Stats(opened, failed, held.size(), held.isEmpty() ? Duration.ZERO : Duration.ofNanos(held.get(held.size() / 2)),
                    held.isEmpty() ? Duration.ZERO : Duration.ofNanos(held.get(held.size() - 1)), open, Duration.ofNanos(oldest));
        }
    }

    private void loop() {
        try {
            while (running) {
                long now = System.nanoTime();
                for (Slot slot : slots) {
                    if (slot.channel == null && now - slot.dueAt >= 0) {
                        open(slot);
                    }
                }
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    Slot slot = (Slot) key.attachment();
                    if (key.isValid() && key.isConnectable()) {
                        finishConnect(key, slot);
                    } else if (key.isValid() && key.isReadable()) {
                        read(key, slot);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            log.warn("idle connections: {}", e.toString());
        }
    }

    private void open(Slot slot) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            synchronized (statsLock) {
                slot.channel = channel;
                slot.openedAt = 0;
            }
            if (channel.connect(target)) {
                established(slot);
                channel.register(selector, SelectionKey.OP_READ, slot);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, slot);
            }
        } catch (IOException e) {
            failedAttempt(slot);
        }
    }

    private void finishConnect(SelectionKey key, Slot slot) {
        try {
            if (((SocketChannel) key.channel()).finishConnect()) {
                established(slot);
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            key.cancel();
            failedAttempt(slot);
        }
    }

    private void read(SelectionKey key, Slot slot) {
        int read;
        try {
            sink.clear();
            read = ((SocketChannel) key.channel()).read(sink);
        } catch (IOException e) {
            read = -1; // a reset: the VM ended it too
        }
        if (read < 0) {
            key.cancel();
            long now = System.nanoTime();
            synchronized (statsLock) {
                heldByVm.add(now - slot.openedAt);
            }
            vacate(slot, now);
        }
    }

    private void established(Slot slot) {
        synchronized (statsLock) {
            slot.openedAt = System.nanoTime();
            opened++;
        }
    }

    private void failedAttempt(Slot slot) {
        synchronized (statsLock) {
            failed++;
        }
        vacate(slot, System.nanoTime());
    }

    private void vacate(Slot slot, long now) {
        SocketChannel channel = slot.channel;
        synchronized (statsLock) {
            slot.channel = null;
            slot.openedAt = 0;
            slot.dueAt = now + reopenAfterNanos;
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops, and closes every connection still open. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Slot slot : slots) {
            vacate(slot, System.nanoTime());
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
