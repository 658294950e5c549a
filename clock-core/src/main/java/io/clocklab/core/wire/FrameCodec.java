package io.clocklab.core.wire;

import io.clocklab.core.model.Message;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import java.util.Objects;

/**
 * The side port's binary frames (layout in docs/protocol.md). Big-endian:
 * <pre>
 * u32 length of what follows
 * u8  version (1)
 * u16 + UTF-8  runId
 * u16 + UTF-8  sender
 * u16 + UTF-8  messageId
 * i64 clock
 * 32 bytes     HMAC-SHA256(secret, every byte from version to clock)
 * </pre>
 * The checks run in that order: length, version, structure, tag, and (separately) run.
 * Thread-safe: a fresh {@link Mac} per call costs about a microsecond, far below a tick.
 */
public final class FrameCodec {

    public static final int VERSION = 1;
    public static final int TAG_BYTES = 32;
    /** version + three empty-length strings + clock + tag: nothing shorter can be a frame. */
    public static final int MIN_BODY_BYTES = 1 + 3 * 2 + 8 + TAG_BYTES;
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

    /** The whole frame, length prefix included, ready to write to a socket. */
    public byte[] encode(Message message) {
        byte[] runId = message.runId().getBytes(StandardCharsets.UTF_8);
        byte[] from = message.from().getBytes(StandardCharsets.UTF_8);
        byte[] messageId = message.messageId().getBytes(StandardCharsets.UTF_8);
        int bodyLength = 1 + 2 + runId.length + 2 + from.length + 2 + messageId.length + 8 + TAG_BYTES;
        if (bodyLength > maxFrameBytes) {
            throw new IllegalArgumentException("message needs " + bodyLength + " bytes, over the " + maxFrameBytes + "-byte frame limit");
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + bodyLength);
        frame.putInt(bodyLength).put((byte) VERSION);
        putString(frame, runId);
        putString(frame, from);
        putString(frame, messageId);
        frame.putLong(message.clock());
        frame.put(tag(frame.array(), 4, bodyLength - TAG_BYTES));
        return frame.array();
    }

    /** Reads the next frame and checks its run too; see {@link #read(InputStream)}. */
    public Message read(InputStream in, String expectedRunId) throws IOException, FrameRejectedException {
        Message message = read(in);
        if (message != null) {
            requireRun(message, expectedRunId);
        }
        return message;
    }

    /**
     * Reads the next authentic frame, whatever its run (check that with {@link #requireRun} at the
     * moment the message is queued, so a run switch cannot slip in between). Returns null on a
     * clean end of stream between frames.
     *
     * @throws FrameRejectedException when the frame must be refused (the caller closes the connection)
     * @throws IOException            when the socket itself fails
     */
    public Message read(InputStream in) throws IOException, FrameRejectedException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return null;
        }
        int length;
        byte[] body;
        try {
            length = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedShort());
            checkLength(length);
            body = new byte[length];
            data.readFully(body);
        } catch (EOFException e) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "stream ended inside a frame");
        }
        return decode(body);
    }

    /** Checks a body (without its length prefix) in order: version, structure, tag. */
    public Message decode(byte[] body) throws FrameRejectedException {
        checkLength(body.length);
        if ((body[0] & 0xff) != VERSION) {
            throw new FrameRejectedException(RejectReason.UNSUPPORTED_VERSION, "version " + (body[0] & 0xff) + ", this side speaks " + VERSION);
        }
        ByteBuffer in = ByteBuffer.wrap(body, 1, body.length - 1 - TAG_BYTES).slice();
        String runId;
        String from;
        String messageId;
        long clock;
        try {
            runId = getString(in, "runId");
            from = getString(in, "sender");
            messageId = getString(in, "messageId");
            clock = in.getLong();
        } catch (BufferUnderflowException e) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "field lengths run past the end of the frame");
        }
        if (in.hasRemaining()) {
            throw new FrameRejectedException(RejectReason.MALFORMED, in.remaining() + " stray bytes before the tag");
        }
        if (clock < 0) {
            throw new FrameRejectedException(RejectReason.MALFORMED, "negative clock " + clock);
        }
        byte[] expectedTag = tag(body, 0, body.length - TAG_BYTES);
        byte[] actualTag = new byte[TAG_BYTES];
        System.arraycopy(body, body.length - TAG_BYTES, actualTag, 0, TAG_BYTES);
        if (!MessageDigest.isEqual(expectedTag, actualTag)) {
            throw new FrameRejectedException(RejectReason.UNAUTHENTICATED, "HMAC tag does not match");
        }
        return new Message(runId, from, messageId, clock);
    }

    /** @param currentRunId the receiver's run; null when it has none, which refuses every message */
    public static void requireRun(Message message, String currentRunId) throws FrameRejectedException {
        if (!message.runId().equals(currentRunId)) {
            throw new FrameRejectedException(RejectReason.WRONG_RUN,
                    "frame is for run " + message.runId() + ", current run is " + currentRunId);
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

    private static void putString(ByteBuffer out, byte[] utf8) {
        if (utf8.length > 0xffff) {
            throw new IllegalArgumentException("a field is longer than 65535 bytes");
        }
        out.putShort((short) utf8.length).put(utf8);
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
