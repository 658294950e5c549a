package io.clocklab.vm.net;

import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.vm.FakePeer;
import io.clocklab.vm.Node;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare TCP connection to a VM's side port, for tests that misbehave on purpose: it writes
 * whatever bytes it is given, and a reader thread keeps every frame the VM sends back and notes
 * when the VM closed the connection.
 */
final class RawClient implements AutoCloseable {

    final Socket socket = new Socket();
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    volatile boolean closedByVm;

    /** Connects from a port of {@code from} (another loopback address stands for another machine). */
    RawClient(Node vm, InetAddress from) throws IOException {
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), vm.port()));
        Thread reader = new Thread(() -> {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                for (Frame frame = FakePeer.CODEC.read(in); frame != null; frame = FakePeer.CODEC.read(in)) {
                    frames.add(frame);
                }
            } catch (IOException | FrameRejectedException e) {
                // a reset or a close of ours: over either way
            }
            closedByVm = true;
        }, "test-raw-client-read");
        reader.setDaemon(true);
        reader.start();
    }

    RawClient(Node vm) throws IOException {
        this(vm, InetAddress.getLoopbackAddress());
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
