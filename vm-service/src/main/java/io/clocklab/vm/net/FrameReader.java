package io.clocklab.vm.net;

import io.clocklab.core.wire.Frame;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.core.wire.FrameRejectedException;
import io.clocklab.core.wire.RejectReason;
import io.clocklab.vm.metrics.ConnectionRefusal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Reads frames off an accepting socket with deadlines, keeping what it has read across the socket's
 * timeouts (docs/protocol.md, "Admission and timeouts"). It assembles frames in a buffer of its own,
 * so a read that times out ({@code SO_TIMEOUT}, set before each read to the time left) loses no
 * byte: it only gives the reader the chance to look at the clock.
 * <p>
 * Two deadlines. A frame's: once its first byte has been read, the whole frame must be in within the
 * frame timeout, measured from that byte, so a writer that trickles a byte at a time is not kept
 * alive by each byte. And the caller's, per call, for the time before the HELLO. Time that the
 * caller spends between two calls (waiting for room in the queue: TCP backpressure) is not the
 * peer's: the clock of a frame whose bytes were already buffered starts when reading resumes.
 * Between frames, with no deadline from the caller, a read waits as long as it takes.
 * <p>
 * The checks are the codec's ({@link FrameCodec#decode}), in its order: the length is checked as
 * soon as its 4 bytes are in, before the body is read, as {@link FrameCodec#read} does.
 */
final class FrameReader {

    /** No deadline from the caller: between frames a connection may stay idle. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    /** A deadline passed; the connection is to be closed and counted under {@link #reason()}. */
    static final class TimedOut extends IOException {
        private final ConnectionRefusal reason;

        TimedOut(ConnectionRefusal reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** Expected in numbers under a flood of idle sockets: no stack trace to fill. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        ConnectionRefusal reason() {
            return reason;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final FrameCodec codec;
    private final long frameTimeoutNanos;
    private final byte[] buffer;
    /** Unconsumed bytes are buffer[start, end). */
    private int start;
    private int end;
    /** When the first byte of the frame being assembled was read (or reading resumed over it); valid if frameStarted. */
    private long frameStartedAt;
    private boolean frameStarted;
    private int timeoutSet = -1;

    FrameReader(Socket socket, FrameCodec codec, long frameTimeoutNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.codec = codec;
        this.frameTimeoutNanos = frameTimeoutNanos;
        this.buffer = new byte[Math.max(8192, 4 + codec.maxFrameBytes())];
    }

    /**
     * The next authentic, well-formed frame; null on a clean end of stream between frames.
     *
     * @param deadline       a {@link System#nanoTime()} by which a frame must be complete even if no
     *                       byte of it has come, or {@link #NO_DEADLINE}
     * @param deadlineReason what to count when that deadline passes
     * @throws TimedOut              when a deadline passed: the frame's ({@code read_timeout}) or the caller's
     * @throws FrameRejectedException when the frame must be refused, as {@link FrameCodec#read} would
     * @throws IOException           when the socket fails
     */
    Frame next(long deadline, ConnectionRefusal deadlineReason) throws IOException, FrameRejectedException {
        while (true) {
            Frame frame = takeFrame();
            if (frame != null) {
                return frame;
            }
            long now = System.nanoTime();
            if (end > start && !frameStarted) {
                // bytes of this frame were read before the caller went away (a wait for room): its clock starts now
                frameStarted = true;
                frameStartedAt = now;
            }
            long due = deadline;
            ConnectionRefusal reason = deadlineReason;
            if (frameStarted) {
                long frameDue = frameStartedAt + frameTimeoutNanos;
                if (due == NO_DEADLINE || frameDue - due < 0) {
                    due = frameDue;
                    reason = ConnectionRefusal.READ_TIMEOUT;
                }
            }
            int timeoutMillis = 0; // no deadline: wait for as long as it takes
            if (due != NO_DEADLINE) {
                long left = due - now;
                if (left <= 0) {
                    throw new TimedOut(reason, reason == ConnectionRefusal.READ_TIMEOUT
                            ? (end - start) + " bytes of a frame and no more for " + TimeUnit.NANOSECONDS.toMillis(now - frameStartedAt) + " ms"
                            : "no complete HELLO in time");
                }
                timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
            }
            if (timeoutMillis != timeoutSet) {
                socket.setSoTimeout(timeoutMillis);
                timeoutSet = timeoutMillis;
            }
            makeRoom();
            int n;
            try {
                n = in.read(buffer, end, buffer.length - end);
            } catch (SocketTimeoutException e) {
                continue; // nothing lost: look at the deadlines again
            }
            if (n < 0) {
                if (end == start) {
                    return null;
                }
                throw new FrameRejectedException(RejectReason.MALFORMED, "stream ended inside a frame");
            }
            if (n > 0 && !frameStarted) {
                frameStarted = true;
                frameStartedAt = System.nanoTime();
            }
            end += n;
        }
    }

    /** Bytes read and not yet handed out as a frame: the start of the next one. */
    int buffered() {
        return end - start;
    }

    /** The next frame if the buffer holds all of it; refuses a bad length as soon as its 4 bytes are in. */
    private Frame takeFrame() throws FrameRejectedException {
        if (end - start < 4) {
            return null;
        }
        int length = ((buffer[start] & 0xff) << 24) | ((buffer[start + 1] & 0xff) << 16)
                | ((buffer[start + 2] & 0xff) << 8) | (buffer[start + 3] & 0xff);
        // FrameCodec.read's length checks, in its order, before any of the body is read
        if (length < 0 || length > codec.maxFrameBytes()) {
            throw new FrameRejectedException(RejectReason.OVERSIZED, "length " + Integer.toUnsignedString(length)
                    + " over the " + codec.maxFrameBytes() + "-byte limit");
        }
        if (length < FrameCodec.MIN_BODY_BYTES) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "length " + length + " under the "
                    + FrameCodec.MIN_BODY_BYTES + "-byte minimum");
        }
        if (end - start < 4 + length) {
            return null;
        }
        byte[] body = Arrays.copyOfRange(buffer, start + 4, start + 4 + length);
        start += 4 + length;
        if (start == end) {
            start = 0;
            end = 0;
        }
        frameStarted = false;
        return codec.decode(body);
    }

    /** Moves the unconsumed bytes to the front when the buffer's tail is full; a whole frame always fits. */
    private void makeRoom() {
        if (end == buffer.length && start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
    }
}
