package io.clocklab.it;

import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.core.wire.FrameRejectedException;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * One connection from the test to a VM's side port, speaking protocol v2 (docs/protocol.md) with
 * the cluster's secret through clock-core's {@link FrameCodec}: what a peer, or anyone who holds
 * the secret, can send. It times the connection from before its connect.
 */
final class SidePortClient implements AutoCloseable {

    static final FrameCodec CODEC = new FrameCodec(ClusterContainers.SECRET, FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final long connectedFrom;
    private final DataInputStream in;
    private volatile long lastWrite;
    /** When a read met the end of the stream; 0 until then. */
    private volatile long endedAt;
    private Thread drain;

    private SidePortClient(Socket socket, long connectedFrom) throws IOException {
        this.socket = socket;
        this.connectedFrom = connectedFrom;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    }

    static SidePortClient connect(InetSocketAddress address) throws IOException {
        long from = System.nanoTime();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(10_000);
            return new SidePortClient(socket, from);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes a HELLO; the VM's RESUME, or empty when it closed the connection instead. */
    Optional<Frame.Resume> hello(String runId, String sender, String recipient) throws IOException {
        send(new Frame.Hello(runId, sender, recipient));
        Frame answer = read();
        if (answer == null) {
            return Optional.empty();
        }
        if (answer instanceof Frame.Resume resume) {
            return Optional.of(resume);
        }
        throw new AssertionError("the answer to a HELLO: " + answer);
    }

    /** Writes the frames in one go. */
    void send(Frame... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            bytes.write(CODEC.encode(frame));
        }
        OutputStream out = socket.getOutputStream();
        out.write(bytes.toByteArray());
        out.flush();
        lastWrite = System.nanoTime();
    }

    /** The raw stream, for writing many frames; call {@link #drainInBackground()} first so the VM's ACKs never fill up. */
    OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    void wrote() {
        lastWrite = System.nanoTime();
    }

    /** Reads and drops whatever the VM writes (ACKs), on a thread of its own, until the connection ends. */
    void drainInBackground() {
        drain = new Thread(() -> {
            try {
                socket.setSoTimeout(0);
                while (read() != null) {
                    // an ACK or a keepalive: nothing to do with it
                }
            } catch (IOException e) {
                // closed
            }
        }, "side-port-client-drain");
        drain.setDaemon(true);
        drain.start();
    }

    /** Whether the drain thread has seen the connection end. */
    boolean drainedToTheEnd() {
        return drain != null && !drain.isAlive();
    }

    /**
     * Reads (and drops) frames until the VM closes the connection, at most {@code patience}.
     *
     * @return how the close was timed, or empty when the connection was still open after {@code patience}
     */
    Optional<Closed> awaitClose(Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (endedAt == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            socket.setSoTimeout(Math.toIntExact(Math.max(1, left / 1_000_000)));
            try {
                read(); // a frame before the close (an ACK) is dropped
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new Closed(Duration.ofNanos(endedAt - connectedFrom), Duration.ofNanos(endedAt - lastWrite)));
    }

    /**
     * When the VM closed a connection, seen from here.
     *
     * @param sinceConnect from before the connect to the end of the stream
     * @param sinceLastWrite from the last frame written to the end of the stream: the refusal itself
     */
    record Closed(Duration sinceConnect, Duration sinceLastWrite) {
    }

    /** The next frame, or null at the end of the stream (a reset counts as an end). */
    private Frame read() throws IOException {
        Frame frame;
        try {
            frame = CODEC.read(in);
        } catch (FrameRejectedException e) {
            throw new AssertionError("the VM wrote a frame this codec refuses: " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException e) {
            frame = null;
        }
        if (frame == null && endedAt == 0) {
            endedAt = System.nanoTime();
        }
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        if (drain != null) {
            try {
                drain.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
