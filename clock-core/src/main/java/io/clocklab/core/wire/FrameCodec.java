package io.clocklab.core.wire;

import io.clocklab.core.model.Hlc;
import io.clocklab.core.model.Stamp;
import io.clocklab.core.model.VectorTime;
import io.clocklab.core.model.LamportClock;
import io.clocklab.core.model.Message;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The side port's binary frames, versions 2 and 3 (layouts in docs/protocol.md). Big-endian:
 * <pre>
 * u32 length of what follows
 * u8  version (2; 3 for a MESSAGE that carries a vector or hybrid time)
 * u8  type: 1 HELLO, 2 RESUME, 3 MESSAGE, 4 ACK
 *     HELLO   : str runId, str sender, str recipient
 *     RESUME  : str runId, i64 queuedUpTo, i64 receivedUpTo
 *     MESSAGE : str runId, str sender, str messageId, i64 clock
 *               version 3 only, then: u8 kind, 1 VECTOR: u16 n, n x (str vm, i64 count)
 *                                             2 HYBRID: i64 l, i64 c
 *     ACK     : str runId, i64 queuedUpTo, i64 receivedUpTo
 * 32 bytes     HMAC-SHA256(secret, every byte from version to the last field)
 * </pre>
 * A Lamport run's frames are all version 2, byte for byte as before version 3 existed, so a VM
 * that speaks only version 2 still reads them.
 * (str = u16 length + UTF-8, never empty.) The checks run in that order: length, version, type,
 * structure, tag, then a MESSAGE's clock against {@link LamportClock#MAX_MESSAGE_CLOCK}. What a frame means in its connection (its run, its place, its sender) is the
 * caller's to check. No I/O beyond the stream it is given, so it is tested in memory.
 * Thread-safe: a fresh {@link Mac} per call costs about a microsecond, far below a tick.
 */
public final class FrameCodec {

    public static final int VERSION = 2;
    /** A MESSAGE with a vector or hybrid time: version 2's fields, then the time. */
    public static final int STAMPED_VERSION = 3;
    private static final int VECTOR_STAMP = 1;
    private static final int HYBRID_STAMP = 2;
    public static final int TAG_BYTES = 32;
    /** version + type + three empty-length strings + tag: nothing shorter can be a frame. */
    public static final int MIN_BODY_BYTES = 1 + 1 + 3 * 2 + TAG_BYTES;
    /** The smallest valid frame: a HELLO whose three names are one character each. */
    public static final int SMALLEST_VALID_BODY_BYTES = 1 + 1 + 3 * (2 + 1) + TAG_BYTES;
    /** The longest run id or VM name, in bytes: {@code control.Names} allows 64 ASCII characters. */
    public static final int MAX_NAME_BYTES = 64;
    /** Digits of the largest seq in a message id ({@code Long.MAX_VALUE}). */
    private static final int MAX_SEQ_DIGITS = 19;
    /**
     * The largest frame any type can need with valid names: a MESSAGE (run id, sender, id
     * {@code <sender>-<seq>}, clock). A HELLO needs 232, a RESUME or an ACK 116. No frame limit may be lower.
     */
    public static final int LARGEST_BODY_BYTES = 1 + 1 + (2 + MAX_NAME_BYTES) + (2 + MAX_NAME_BYTES)
            + (2 + MAX_NAME_BYTES + 1 + MAX_SEQ_DIGITS) + 8 + TAG_BYTES;
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final int maxFrameBytes;

    /** @param maxFrameBytes the largest body (excluding the 4-byte length) accepted or produced */
    public FrameCodec(byte[] secret, int maxFrameBytes) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("the cluster secret must not be empty");
        }
        if (maxFrameBytes < MIN_BODY_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be at least " + MIN_BODY_BYTES + ", got " + maxFrameBytes);
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.maxFrameBytes = maxFrameBytes;
    }

    public FrameCodec(String secret, int maxFrameBytes) {
        this(secret.getBytes(StandardCharsets.UTF_8), maxFrameBytes);
    }

    /** A MESSAGE frame, length prefix included. */
    public byte[] encode(Message message) {
        return encode(new Frame.MessageFrame(message));
    }

    /** The whole frame, length prefix included, ready to write to a socket. */
    public byte[] encode(Frame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(new byte[4]); // the length, filled in below
        Stamp stamp = frame instanceof Frame.MessageFrame m ? m.message().stamp() : null;
        out.write(stamp == null ? VERSION : STAMPED_VERSION);
        out.write(frame.type().code());
        putString(out, frame.runId());
        if (frame instanceof Frame.Hello hello) {
            putString(out, hello.sender());
            putString(out, hello.recipient());
        } else if (frame instanceof Frame.Resume resume) {
            putLong(out, resume.queuedUpTo());
            putLong(out, resume.receivedUpTo());
        } else if (frame instanceof Frame.MessageFrame m) {
            putString(out, m.message().from());
            putString(out, m.message().messageId());
            putLong(out, m.message().clock());
            if (stamp instanceof VectorTime vector) {
                out.write(VECTOR_STAMP);
                putShort(out, vector.counts().size());
                vector.counts().forEach((vm, count) -> {
                    putString(out, vm);
                    putLong(out, count);
                });
            } else if (stamp instanceof Hlc hlc) {
                out.write(HYBRID_STAMP);
                putLong(out, hlc.l());
                putLong(out, hlc.c());
            }
        } else if (frame instanceof Frame.Ack ack) {
            putLong(out, ack.queuedUpTo());
            putLong(out, ack.receivedUpTo());
        }
        int bodyLength = out.size() - 4 + TAG_BYTES;
        if (bodyLength > maxFrameBytes) {
            throw new IllegalArgumentException(frame.type() + " needs " + bodyLength + " bytes, over the " + maxFrameBytes + "-byte frame limit");
        }
        byte[] unsigned = out.toByteArray();
        ByteBuffer frameBytes = ByteBuffer.allocate(4 + bodyLength);
        frameBytes.put(unsigned).putInt(0, bodyLength);
        frameBytes.put(tag(unsigned, 4, unsigned.length - 4));
        return frameBytes.array();
    }

    /**
     * Reads the next authentic, well-formed frame. Returns null on a clean end of stream between frames.
     *
     * @throws FrameRejectedException when the frame must be refused (the caller closes the connection)
     * @throws IOException            when the socket itself fails
     */
    public Frame read(InputStream in) throws IOException, FrameRejectedException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return null;
        }
        byte[] body;
        try {
            int length = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedShort());
            checkLength(length);
            body = new byte[length];
            data.readFully(body);
        } catch (EOFException e) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "stream ended inside a frame");
        }
        return decode(body);
    }

    /** Checks a body (without its length prefix) in order: version, type, structure, tag. */
    public Frame decode(byte[] body) throws FrameRejectedException {
        checkLength(body.length);
        int version = body[0] & 0xff;
        if (version != VERSION && version != STAMPED_VERSION) {
            throw new FrameRejectedException(RejectReason.UNSUPPORTED_VERSION, "version " + version + ", this side speaks "
                    + VERSION + " and " + STAMPED_VERSION);
        }
        Frame.Type type = Frame.Type.of(body[1] & 0xff);
        if (type == null) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "unknown frame type " + (body[1] & 0xff));
        }
        if (version == STAMPED_VERSION && type != Frame.Type.MESSAGE) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "version " + STAMPED_VERSION + " is for MESSAGE frames only, got " + type);
        }
        ByteBuffer in = ByteBuffer.wrap(body, 2, body.length - 2 - TAG_BYTES).slice();
        Frame frame;
        try {
            String runId = getString(in, "runId");
            frame = switch (type) {
                case HELLO -> new Frame.Hello(runId, getString(in, "sender"), getString(in, "recipient"));
                case RESUME -> new Frame.Resume(runId, getCount(in, "queuedUpTo"), getCount(in, "receivedUpTo"));
                case MESSAGE -> {
                    String sender = getString(in, "sender");
                    String messageId = getString(in, "messageId");
                    long clock = getCount(in, "clock");
                    Stamp stamp = version == STAMPED_VERSION ? getStamp(in) : null;
                    yield new Frame.MessageFrame(new Message(runId, sender, messageId, clock, stamp));
                }
                case ACK -> new Frame.Ack(runId, getCount(in, "queuedUpTo"), getCount(in, "receivedUpTo"));
            };
        } catch (BufferUnderflowException e) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "field lengths run past the end of the frame");
        } catch (IllegalArgumentException e) {
            throw new FrameRejectedException(RejectReason.MALFORMED, e.getMessage());
        }
        if (in.hasRemaining()) {
            throw new FrameRejectedException(RejectReason.MALFORMED, in.remaining() + " stray bytes before the tag");
        }
        byte[] expectedTag = tag(body, 0, body.length - TAG_BYTES);
        byte[] actualTag = new byte[TAG_BYTES];
        System.arraycopy(body, body.length - TAG_BYTES, actualTag, 0, TAG_BYTES);
        if (!MessageDigest.isEqual(expectedTag, actualTag)) {
            throw new FrameRejectedException(RejectReason.UNAUTHENTICATED, "HMAC tag does not match");
        }
        if (frame instanceof Frame.MessageFrame m) {
            requireClockInRange(m.message());
        }
        return frame;
    }

    /** @param currentRunId the receiver's run; null when it has none, which refuses every frame */
    public static void requireRun(Frame frame, String currentRunId) throws FrameRejectedException {
        requireRun(frame.runId(), currentRunId);
    }

    /**
     * The one rule of "which run is this frame for": a frame of another run than the one it is
     * checked against is refused as {@link RejectReason#WRONG_RUN}. The VM applies it at each
     * boundary where a run is fixed, each against a different run: a HELLO against the VM's current
     * run ({@code VmRuntime.hello}); a MESSAGE against the run its connection's HELLO named
     * ({@code InboundConnection}) and, when it is queued, against the current run, which a switch
     * may have changed meanwhile ({@code VmRuntime.deliver}); a RESUME or ACK against the run of the
     * link that sent the HELLO ({@code PeerLink}).
     *
     * @param currentRunId the run to check against; null when there is none, which refuses every frame
     */
    public static void requireRun(String runId, String currentRunId) throws FrameRejectedException {
        if (!runId.equals(currentRunId)) {
            throw new FrameRejectedException(RejectReason.WRONG_RUN, "frame is for run " + runId + ", current run is " + currentRunId);
        }
    }

    /**
     * Refuses a message whose clock is above {@link LamportClock#MAX_MESSAGE_CLOCK}: an authentic
     * peer never gets there, and receiving it could bring the receiver's clock near overflow.
     */
    public static void requireClockInRange(Message message) throws FrameRejectedException {
        if (!LamportClock.acceptable(message.clock())) {
            throw new FrameRejectedException(RejectReason.CLOCK_OUT_OF_RANGE, "message " + message.messageId() + " carries clock "
                    + message.clock() + ", over the ceiling " + LamportClock.MAX_MESSAGE_CLOCK);
        }
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    private void checkLength(int length) throws FrameRejectedException {
        if (length < 0 || length > maxFrameBytes) {
            throw new FrameRejectedException(RejectReason.OVERSIZED, "length " + Integer.toUnsignedString(length) + " over the " + maxFrameBytes + "-byte limit");
        }
        if (length < MIN_BODY_BYTES) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "length " + length + " under the " + MIN_BODY_BYTES + "-byte minimum");
        }
    }

    private byte[] tag(byte[] bytes, int offset, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(bytes, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    private static void putString(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xffff) {
            throw new IllegalArgumentException("a field is longer than 65535 bytes");
        }
        out.write(utf8.length >>> 8);
        out.write(utf8.length);
        out.writeBytes(utf8);
    }

    private static void putLong(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    }

    private static void putShort(ByteArrayOutputStream out, int value) {
        if (value > 0xffff) {
            throw new IllegalArgumentException("more than 65535 entries");
        }
        out.write(value >>> 8);
        out.write(value);
    }

    /** A vector or hybrid time; every name once, every count and time as {@link VectorTime} and {@link Hlc} allow. */
    private static Stamp getStamp(ByteBuffer in) throws FrameRejectedException {
        int kind = Byte.toUnsignedInt(in.get());
        if (kind == VECTOR_STAMP) {
            int entries = Short.toUnsignedInt(in.getShort());
            Map<String, Long> counts = new HashMap<>();
            for (int i = 0; i < entries; i++) {
                String vm = getString(in, "vector entry");
                if (counts.put(vm, getCount(in, "vector count")) != null) {
                    throw new FrameRejectedException(RejectReason.MALFORMED, "vector names " + vm + " twice");
                }
            }
            return new VectorTime(counts);
        }
        if (kind == HYBRID_STAMP) {
            return new Hlc(getCount(in, "hlc.l"), getCount(in, "hlc.c"));
        }
        throw new FrameRejectedException(RejectReason.MALFORMED, "unknown time kind " + kind);
    }

    /**
     * The body of the largest MESSAGE a run of these VMs can send with a vector time that counts
     * every one of them: a VM sets up a vector run only when this fits its frame limit.
     */
    public static int largestVectorMessageBytes(String runId, Collection<String> vms) {
        int longestName = vms.stream().mapToInt(vm -> vm.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
        int entries = vms.stream().mapToInt(vm -> 2 + vm.getBytes(StandardCharsets.UTF_8).length + 8).sum();
        return 1 + 1 + (2 + runId.getBytes(StandardCharsets.UTF_8).length) + (2 + longestName) + (2 + longestName + 1 + MAX_SEQ_DIGITS)
                + 8 + 1 + 2 + entries + TAG_BYTES;
    }

    private static long getCount(ByteBuffer in, String field) throws FrameRejectedException {
        long value = in.getLong();
        if (value < 0) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "negative " + field + " " + value);
        }
        return value;
    }

    private static String getString(ByteBuffer in, String field) throws FrameRejectedException {
        int length = Short.toUnsignedInt(in.getShort());
        if (length == 0) {
            throw new FrameRejectedException(RejectReason.MALFORMED, field + " is empty");
        }
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new FrameRejectedException(RejectReason.MALFORMED, field + " is not valid UTF-8");
        }
    }
}
