package io.clocklab.vm;

import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;
import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameCodec;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A peer on a real loopback socket. As an acceptor it speaks protocol v2 the simplest correct way:
 * it answers a HELLO with RESUME (Q = R = the highest seq it has from that sender), keeps each new
 * MESSAGE, and ACKs it at once. It can also write frames or garbage to a VM.
 */
public final class FakePeer implements AutoCloseable {

    public static final String SECRET = "test-cluster-secret";
    public static final FrameCodec CODEC = new FrameCodec(SECRET, FrameCodec.DEFAULT_MAX_FRAME_BYTES);

    private final String name;
    private final ServerSocket server;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final List<Frame.Hello> hellos = new CopyOnWriteArrayList<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, Long> upTo = new ConcurrentHashMap<>();
    private volatile boolean logsNothing;
    private volatile boolean silent;

    /** A peer called vm2. */
    public FakePeer() throws IOException {
        this("vm2");
    }

    public FakePeer(String name) throws IOException {
        this(name, 0);
    }

    /** A peer listening on {@code port} (0: a free one); a given port lets a test restart a peer at the same address. */
    public FakePeer(String name, int port) throws IOException {
        this.name = name;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::acceptLoop, "fake-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Each new message once, in the order they came. */
    public List<Message> received() {
        return received;
    }

    public List<Frame.Hello> hellos() {
        return hellos;
    }

    /** From now on its RESUMEs and ACKs say R = 0: it queues messages but never logs them. */
    public void logNothing() {
        logsNothing = true;
    }

    /** From now on it answers a HELLO with RESUME and then writes nothing more, as a half-open connection would. */
    public void goSilentAfterResume() {
        silent = true;
    }

    public int connectionsAccepted() {
        return accepted.size();
    }

    /** Closes every connection accepted so far, as a network fault would. */
    public void dropConnections() throws IOException {
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread reader = new Thread(() -> serve(socket), "fake-peer-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (InputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()))) {
            OutputStream out = socket.getOutputStream();
            if (!(CODEC.read(in) instanceof Frame.Hello hello) || !hello.recipient().equals(name)) {
                return;
            }
            hellos.add(hello);
            long q = upTo.getOrDefault(hello.sender(), 0L);
            out.write(CODEC.encode(new Frame.Resume(hello.runId(), q, logsNothing ? 0 : q)));
            for (Frame frame = CODEC.read(in); frame instanceof Frame.MessageFrame m; frame = CODEC.read(in)) {
                long seq = MessageIds.seqOf(m.message().messageId());
                if (seq > q) {
                    q = seq;
                    upTo.put(hello.sender(), q);
                    received.add(m.message());
                }
                if (!silent) {
                    out.write(CODEC.encode(new Frame.Ack(hello.runId(), q, logsNothing ? 0 : q)));
                }
            }
        } catch (Exception e) {
            // connection over
        }
    }

    /** The HELLO a peer called {@code sender} says to vm1. */
    public static byte[] hello(String runId, String sender) {
        return CODEC.encode(new Frame.Hello(runId, sender, "vm1"));
    }

    /** Opens a connection to a VM's side port and writes the bytes; returns the open socket. */
    public static Socket write(int port, byte[]... chunks) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
        out.flush();
        return socket;
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
