package io.clocklab.vm;

import io.clocklab.core.model.Message;
import io.clocklab.core.wire.FrameCodec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A peer on a real loopback socket: reads the frames a VM sends, and can write frames or garbage to a VM. */
public final class FakePeer implements AutoCloseable {

    public static final String SECRET = "test-cluster-secret";
    public static final FrameCodec CODEC = new FrameCodec(SECRET, FrameCodec.DEFAULT_MAX_FRAME_BYTES);

    private final ServerSocket server;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public FakePeer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "fake-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public List<Message> received() {
        return received;
    }

    public int connectionsAccepted() {
        return accepted.size();
    }

    /** Closes every connection accepted so far, as a peer restarting would. */
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
                Thread reader = new Thread(() -> read(socket), "fake-peer-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            for (Message m = CODEC.read(in); m != null; m = CODEC.read(in)) {
                received.add(m);
            }
        } catch (Exception e) {
            // connection over
        }
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
