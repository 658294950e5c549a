package io.clocklab.core.wire;

import io.clocklab.core.model.Hlc;
import io.clocklab.core.model.VectorTime;
import io.clocklab.core.model.Message;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Version 3: a MESSAGE that carries a vector or hybrid time; version 2 frames as before. */
class StampedFrameTest {

    private static final String RUN = "20261121-194800-7f3a";
    private static final String SECRET = "cluster-secret";
    private final FrameCodec codec = new FrameCodec(SECRET, 1024);

    @Test
    void aVectorMessageRoundTripsAsVersion3() throws Exception {
        Message message = new Message(RUN, "vm2", "vm2-17", 42, new VectorTime(Map.of("vm1", 3L, "vm2", 17L, "vm10", 1L)));
        byte[] frame = codec.encode(message);
        assertThat(frame[4]).as("version").isEqualTo((byte) 3);
        assertThat(read(frame)).isEqualTo(new Frame.MessageFrame(message));
    }

    @Test
    void aHybridMessageRoundTripsAsVersion3() throws Exception {
        Message message = new Message(RUN, "vm2", "vm2-17", 42, new Hlc(1_764_000_000_123L, 4));
        byte[] frame = codec.encode(message);
        assertThat(frame[4]).isEqualTo((byte) 3);
        assertThat(frame.length).as("Lamport's 81 bytes + kind + l + c").isEqualTo(81 + 1 + 8 + 8);
        assertThat(read(frame)).isEqualTo(new Frame.MessageFrame(message));
    }

    @Test
    void aLamportMessageIsStillVersion2ByteForByte() throws Exception {
        Message message = new Message(RUN, "vm2", "vm2-17", 42);
        byte[] frame = codec.encode(message);
        assertThat(Arrays.copyOf(frame, 6)).isEqualTo(new byte[]{0, 0, 0, 0x4d, 2, 3});
        assertThat(frame.length).isEqualTo(81);
        assertThat(read(frame)).isEqualTo(new Frame.MessageFrame(message));
    }

    @Test
    void theVectorLayoutIsTheDocumentedOne() {
        byte[] frame = codec.encode(new Message("r1", "vm2", "vm2-1", 1, new VectorTime(Map.of("vm1", 3L, "vm2", 1L))));
        ByteBuffer in = ByteBuffer.wrap(frame).position(4 + 1 + 1 + (2 + 2) + (2 + 3) + (2 + 5) + 8);
        assertThat(in.get()).as("kind VECTOR").isEqualTo((byte) 1);
        assertThat(in.getShort()).as("entries").isEqualTo((short) 2);
        assertThat(in.getShort()).isEqualTo((short) 3);
        in.position(in.position() + 3);
        assertThat(in.getLong()).as("vm1's count").isEqualTo(3);
        assertThat(in.getShort()).isEqualTo((short) 3);
        in.position(in.position() + 3);
        assertThat(in.getLong()).as("vm2's count").isEqualTo(1);
        assertThat(in.remaining()).as("then the tag").isEqualTo(32);
    }

    /** The figures docs/protocol.md gives: a vector frame with 3 and with 32 VMs (names vm1.., counts any). */
    @Test
    void vectorFrameSizes() {
        assertThat(vectorFrameBytes(3)).isEqualTo(81 + 1 + 2 + 3 * (2 + 3 + 8));
        assertThat(vectorFrameBytes(32)).isEqualTo(81 + 1 + 2 + 9 * (2 + 3 + 8) + 23 * (2 + 4 + 8));
        assertThat(vectorFrameBytes(32) - 4).as("fits the default frame limit")
                .isLessThanOrEqualTo(FrameCodec.largestVectorMessageBytes(RUN, names(32)))
                .isLessThanOrEqualTo(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    }

    @Test
    void aVectorThatNamesAVmTwiceIsMalformed() {
        byte[] frame = stamped(body -> {
            body.put((byte) 1).putShort((short) 2);
            for (int i = 0; i < 2; i++) {
                body.putShort((short) 3).put("vm1".getBytes(StandardCharsets.US_ASCII)).putLong(5);
            }
        });
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aZeroCountOrAnUnknownKindIsMalformed() {
        byte[] zero = stamped(body -> body.put((byte) 1).putShort((short) 1).putShort((short) 3)
                .put("vm1".getBytes(StandardCharsets.US_ASCII)).putLong(0));
        byte[] unknownKind = stamped(body -> body.put((byte) 7).putLong(1).putLong(1));
        byte[] negativeC = stamped(body -> body.put((byte) 2).putLong(1).putLong(-1));
        assertThat(rejection(zero)).isEqualTo(RejectReason.MALFORMED);
        assertThat(rejection(unknownKind)).isEqualTo(RejectReason.MALFORMED);
        assertThat(rejection(negativeC)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void version3IsForMessagesOnly() {
        byte[] frame = codec.encode(new Frame.Ack(RUN, 7, 5));
        frame[4] = 3;
        frame = retag(frame);
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aVersion3FrameIsTaggedToo() {
        byte[] frame = new FrameCodec("another-secret", 1024).encode(new Message(RUN, "vm2", "vm2-1", 1, new Hlc(5, 0)));
        assertThat(rejection(frame)).isEqualTo(RejectReason.UNAUTHENTICATED);
    }

    @Test
    void aVectorOverTheFrameLimitIsRefusedWhenWritten() {
        FrameCodec small = new FrameCodec(SECRET, 300);
        Map<String, Long> counts = new LinkedHashMap<>();
        names(32).forEach(vm -> counts.put(vm, 1L));
        assertThatIllegalArgumentException().isThrownBy(() -> small.encode(new Message(RUN, "vm2", "vm2-1", 1, new VectorTime(counts))))
                .withMessageContaining("frame limit");
    }

    private int vectorFrameBytes(int vms) {
        Map<String, Long> counts = new LinkedHashMap<>();
        names(vms).forEach(vm -> counts.put(vm, 1_000_000L));
        return codec.encode(new Message(RUN, "vm2", "vm2-17", 42, new VectorTime(counts))).length;
    }

    private static List<String> names(int vms) {
        return IntStream.rangeClosed(1, vms).mapToObj(i -> "vm" + i).toList();
    }

    /** A version 3 MESSAGE with hand-written time bytes, correctly tagged. */
    private static byte[] stamped(java.util.function.Consumer<ByteBuffer> time) {
        ByteBuffer body = ByteBuffer.allocate(512);
        body.put((byte) 3).put((byte) 3);
        for (String field : List.of(RUN, "vm2", "vm2-1")) {
            body.putShort((short) field.length()).put(field.getBytes(StandardCharsets.US_ASCII));
        }
        body.putLong(1);
        time.accept(body);
        byte[] unsigned = Arrays.copyOf(body.array(), body.position());
        ByteBuffer frame = ByteBuffer.allocate(4 + unsigned.length + 32);
        frame.putInt(unsigned.length + 32).put(unsigned).put(hmac(unsigned));
        return frame.array();
    }

    private static byte[] retag(byte[] frame) {
        byte[] unsigned = Arrays.copyOfRange(frame, 4, frame.length - 32);
        byte[] tag = hmac(unsigned);
        System.arraycopy(tag, 0, frame, frame.length - 32, 32);
        return frame;
    }

    private Frame read(byte[] frame) throws Exception {
        return FrameBytes.read(codec, frame);
    }

    private RejectReason rejection(byte[] frame) {
        return FrameBytes.rejection(codec, frame);
    }

    private static byte[] hmac(byte[] bytes) {
        return FrameBytes.hmac(SECRET, bytes);
    }
}
