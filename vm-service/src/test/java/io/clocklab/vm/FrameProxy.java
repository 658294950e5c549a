package io.clocklab.vm;

import io.clocklab.core.wire.Frame;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy between a sender's link and a receiver's side port, frame-aware in the
 * sender-to-receiver direction, that a test tells to misbehave: cut every connection, duplicate
 * every MESSAGE, hold a connection's frames and detach its sender (who then reconnects) and
 * later release the held frames to the receiver on the old connection, or point at another port
 * (a restarted receiver). Frames are forwarded whole, never re-encoded.
 */
public final class FrameProxy implements AutoCloseable {

    private static final int MESSAGE = Frame.Type.MESSAGE.code();

    /** One proxied connection: the sender's side, the receiver's side, and frames held back. */
    private static final class Pair {
        final Socket client;
        final Socket upstream;
        final List<byte[]> held = new CopyOnWriteArrayList<>();
        /** Open until the sender-to-receiver pump has stopped: then nothing more is added to {@link #held}. */
        final CountDownLatch pumped = new CountDownLatch(1);
        volatile boolean holding;
        /** The receiver closed its side: seen by the receiver-to-sender pump. */
        volatile boolean upstreamClosed;

        Pair(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }
    }

    private final ServerSocket server;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final AtomicInteger duplicated = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private volatile int targetPort;
    private volatile boolean duplicateMessages;

    public FrameProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Where new connections go from now on (a restarted receiver listens elsewhere). */
    public void target(int port) {
        targetPort = port;
    }

    /** Closes every connection, both sides, as a network fault would. */
    public void cut() {
        for (Pair pair : pairs) {
            close(pair.client);
            close(pair.upstream);
        }
        pairs.clear();
    }

    public void duplicateMessages(boolean on) {
        duplicateMessages = on;
    }

    /** Connections the sender opened through the proxy so far. */
    public int connections() {
        return connections.get();
    }

    /** Of those, the ones on which the receiver wrote anything back (a RESUME): it admitted them. */
    public int answered() {
        return answered.get();
    }

    /** MESSAGE frames written twice so far. */
    public int duplicated() {
        return duplicated.get();
    }

    /** The current connections stop forwarding: what the sender writes now is kept back. New connections are not held. */
    public void hold() {
        pairs.forEach(pair -> pair.holding = true);
    }

    /** Frames kept back so far. */
    public int held() {
        return pairs.stream().mapToInt(pair -> pair.held.size()).sum();
    }

    /**
     * Closes the sender's side of held connections (it reconnects); the receiver's side stays open.
     * Returns once nothing more can be held, so {@link #held()} is then final.
     */
    public void detachHeld() throws InterruptedException {
        for (Pair pair : pairs) {
            if (pair.holding) {
                close(pair.client);
                pair.pumped.await();
            }
        }
    }

    /**
     * Writes the held frames to the receiver on their old connections, late and out of turn, then closes those.
     * Returns false when the receiver had closed one of them already (its writes failed).
     */
    public boolean releaseHeld() {
        boolean written = true;
        for (Pair pair : new ArrayList<>(pairs)) {
            if (pair.holding) {
                try {
                    OutputStream out = pair.upstream.getOutputStream();
                    for (byte[] frame : pair.held) {
                        out.write(frame);
                    }
                    out.flush();
                } catch (IOException e) {
                    written = false;
                    close(pair.upstream);
                }
                pair.held.clear();
                pairs.remove(pair);
                // the receiver reads on; closing now could reset the connection before it read them all
            }
        }
        return written;
    }

    /** Whether the receiver has closed the receiver's side of a held connection (seen as an end of stream on it). */
    public boolean heldClosedByReceiver() {
        for (Pair pair : pairs) {
            if (pair.holding && !pair.upstreamClosed) {
                return false;
            }
        }
        return true;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
            } catch (IOException | IllegalArgumentException e) {
                close(upstream);
                close(client);
                continue;
            }
            Pair pair = new Pair(client, upstream);
            pairs.add(pair);
            connections.incrementAndGet();
            start("proxy-up", () -> forwardFrames(pair));
            start("proxy-down", () -> forwardBytes(pair));
        }
    }

    private void forwardFrames(Pair pair) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(pair.client.getInputStream()));
            OutputStream out = pair.upstream.getOutputStream();
            while (true) {
                int length = in.readInt();
                byte[] frame = ByteBuffer.allocate(4 + length).putInt(length).array();
                in.readFully(frame, 4, length);
                if (pair.holding) {
                    pair.held.add(frame);
                    continue;
                }
                out.write(frame);
                if (duplicateMessages && length > 1 && (frame[5] & 0xff) == MESSAGE) {
                    out.write(frame);
                    duplicated.incrementAndGet();
                }
                out.flush();
            }
        } catch (IOException e) {
            close(pair.client);
            if (!pair.holding) {
                close(pair.upstream);
                pairs.remove(pair);
            }
        } finally {
            pair.pumped.countDown();
        }
    }

    /** Receiver to sender. Reads the receiver's side until it ends, even after the sender's side is gone, to see it close. */
    private void forwardBytes(Pair pair) {
        byte[] buffer = new byte[4096];
        boolean toClient = true;
        boolean first = true;
        try {
            InputStream in = pair.upstream.getInputStream();
            OutputStream out = pair.client.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (first && n > 0) {
                    answered.incrementAndGet();
                    first = false;
                }
                if (toClient) {
                    try {
                        out.write(buffer, 0, n);
                        out.flush();
                    } catch (IOException e) {
                        toClient = false; // the sender's side is gone
                    }
                }
            }
        } catch (IOException e) {
            // the receiver's side is gone
        }
        pair.upstreamClosed = true;
        close(pair.client);
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cut();
    }
}
