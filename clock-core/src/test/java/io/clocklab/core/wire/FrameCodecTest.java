package io.clocklab.core.wire;

import io.clocklab.core.control.Names;
import io.clocklab.core.model.LamportClock;
import io.clocklab.core.model.Message;
import io.clocklab.core.model.MessageIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Version 2 frames, in memory: every type round trips, and every check refuses what it must. */
class FrameCodecTest {

    private static final String RUN = "20261121T100000Z-ab12";
    private static final String SECRET = "cluster-secret";
    private static final Message MESSAGE = new Message(RUN, "vm2", "vm2-17", 42);
    private final FrameCodec codec = new FrameCodec(SECRET, 256);

    static List<Frame> everyType() {
        return List.of(
                new Frame.Hello(RUN, "vm2", "vm1"),
                new Frame.Resume(RUN, 17, 12),
                new Frame.MessageFrame(MESSAGE),
                new Frame.Ack(RUN, Long.MAX_VALUE, 0));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void everyFrameTypeRoundTrips(Frame frame) throws Exception {
        assertThat(read(codec.encode(frame))).isEqualTo(frame);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void everyFrameTypeIsTagged(Frame frame) {
        byte[] forged = new FrameCodec("another-secret", 256).encode(frame);
        assertThat(rejection(forged)).isEqualTo(RejectReason.UNAUTHENTICATED);
    }

    @Test
    void threadsSharingOneCodecEachTagAndCheckCorrectly() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        // every thread encodes its own messages, a forged one now and then (which must not upset the
        // thread's next tag), and reads back what the thread before it encoded
        byte[][][] encoded = new byte[threads][perThread][];
        CyclicBarrier halfway = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        encoded[me][i] = codec.encode(new Message(RUN, "vm" + me, "vm" + me + "-" + (i + 1), i));
                        if (i % 100 == 0) {
                            assertThat(rejection(new FrameCodec("another-secret", 256).encode(MESSAGE))).isEqualTo(RejectReason.UNAUTHENTICATED);
                        }
                    }
                    halfway.await();
                    int other = (me + threads - 1) % threads;
                    int read = 0;
                    for (int i = 0; i < perThread; i++) {
                        assertThat(read(encoded[other][i])).isEqualTo(new Frame.MessageFrame(new Message(RUN, "vm" + other, "vm" + other + "-" + (i + 1), i)));
                        read++;
                    }
                    return read;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unicodeNamesRoundTrip() throws Exception {
        Message message = new Message(RUN, "vm-ü", "vm-ü-1", LamportClock.MAX_MESSAGE_CLOCK);
        assertThat(read(codec.encode(message))).isEqualTo(new Frame.MessageFrame(message));
    }

    @Test
    void framesFollowEachOtherOnOneStream() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Frame frame : everyType()) {
            stream.write(codec.encode(frame));
        }
        ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());

        for (Frame frame : everyType()) {
            assertThat(codec.read(in)).isEqualTo(frame);
        }
        assertThat(codec.read(in)).as("clean end of stream").isNull();
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        byte[] frame = codec.encode(new Frame.Ack("r1", 7, 5));
        ByteBuffer in = ByteBuffer.wrap(frame);
        assertThat(in.getInt()).as("length").isEqualTo(frame.length - 4).isEqualTo(1 + 1 + 2 + 2 + 8 + 8 + 32);
        assertThat(in.get()).as("version").isEqualTo((byte) 2);
        assertThat(in.get()).as("type ACK").isEqualTo((byte) 4);
        assertThat(in.getShort()).isEqualTo((short) 2);
        assertThat(new byte[]{in.get(), in.get()}).isEqualTo("r1".getBytes(StandardCharsets.US_ASCII));
        assertThat(in.getLong()).isEqualTo(7);
        assertThat(in.getLong()).isEqualTo(5);
        assertThat(Arrays.copyOfRange(frame, frame.length - 32, frame.length))
                .isEqualTo(hmac(Arrays.copyOfRange(frame, 4, frame.length - 32)));
    }

    @Test
    void theExamplesInTheProtocolDocHaveTheirLengths() {
        String run = "20261121-194800-7f3a";
        byte[] message = codec.encode(new Message(run, "vm2", "vm2-17", 42));
        byte[] ack = codec.encode(new Frame.Ack(run, 17, 12));
        assertThat(Arrays.copyOf(message, 6)).isEqualTo(new byte[]{0, 0, 0, 0x4d, 2, 3});
        assertThat(Arrays.copyOf(ack, 6)).isEqualTo(new byte[]{0, 0, 0, 0x48, 2, 4});
    }

    @Test
    void aVersion1FrameIsUnsupported() {
        // v1: version, runId, sender, messageId, clock, tag: no type byte
        ByteBuffer body = ByteBuffer.allocate(1 + 2 + 3 + 2 + 3 + 2 + 5 + 8);
        body.put((byte) 1).putShort((short) 3).put("run".getBytes()).putShort((short) 3).put("vm2".getBytes())
                .putShort((short) 5).put("vm2-1".getBytes()).putLong(9);
        byte[] unsigned = body.array();
        ByteBuffer frame = ByteBuffer.allocate(4 + unsigned.length + 32);
        frame.putInt(unsigned.length + 32).put(unsigned).put(hmac(unsigned));
        assertThat(rejection(frame.array())).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
    }

    @Test
    void anUnknownVersionIsUnsupported() {
        byte[] frame = codec.encode(MESSAGE);
        frame[4] = 4;
        assertThat(rejection(frame)).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
    }

    @Test
    void anUnknownTypeIsMalformed() {
        byte[] frame = codec.encode(MESSAGE);
        frame[5] = 9;
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aTypeByteThatDoesNotMatchTheFieldsIsMalformed() {
        byte[] frame = codec.encode(new Frame.Hello(RUN, "vm2", "vm1"));
        frame[5] = (byte) Frame.Type.ACK.code();
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aFlippedTypeBitIsUnauthenticated() {
        // RESUME and ACK have the same fields: only the tag tells them apart
        byte[] frame = codec.encode(new Frame.Resume(RUN, 3, 3));
        frame[5] = (byte) Frame.Type.ACK.code();
        assertThat(rejection(frame)).isEqualTo(RejectReason.UNAUTHENTICATED);
    }

    @Test
    void theLengthPrefixCountsTheBody() {
        byte[] frame = codec.encode(MESSAGE);
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length - 4);
    }

    @Test
    void aFlippedClockBitIsUnauthenticated() {
        byte[] frame = codec.encode(MESSAGE);
        frame[frame.length - FrameCodec.TAG_BYTES - 1] ^= 1;
        assertThat(rejection(frame)).isEqualTo(RejectReason.UNAUTHENTICATED);
    }

    @Test
    void theRunIsTheCallersToCheck() throws Exception {
        Frame frame = read(codec.encode(new Message("old-run", "vm2", "vm2-1", 3)));
        assertThat(catchThrowableOfType(FrameRejectedException.class, () -> FrameCodec.requireRun(frame, RUN)).reason())
                .isEqualTo(RejectReason.WRONG_RUN);
        assertThat(catchThrowableOfType(FrameRejectedException.class, () -> FrameCodec.requireRun(frame, null)).reason())
                .as("a receiver without a run refuses everything").isEqualTo(RejectReason.WRONG_RUN);
    }

    @Test
    void aLengthOverTheLimitIsOversizedAndItsBodyIsNeverRead() {
        byte[] frame = ByteBuffer.allocate(4).putInt(257).array();
        assertThat(rejection(frame)).isEqualTo(RejectReason.OVERSIZED);
    }

    @Test
    void aNegativeLengthIsOversized() {
        assertThat(rejection(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})).isEqualTo(RejectReason.OVERSIZED);
    }

    @Test
    void aLengthUnderTheMinimumIsMalformed() {
        byte[] frame = ByteBuffer.allocate(4 + 10).putInt(10).array();
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aStreamEndingInsideAFrameIsMalformed() {
        byte[] frame = codec.encode(MESSAGE);
        assertThat(rejection(Arrays.copyOf(frame, frame.length - 5))).isEqualTo(RejectReason.MALFORMED);
        assertThat(rejection(Arrays.copyOf(frame, 2))).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aFieldLengthPastTheEndIsMalformed() {
        byte[] frame = codec.encode(MESSAGE);
        frame[6] = (byte) 0x7f; // runId length now far larger than the frame
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void strayBytesBeforeTheTagAreMalformed() {
        byte[] frame = codec.encode(MESSAGE);
        ByteBuffer longer = ByteBuffer.allocate(frame.length + 3);
        longer.putInt(frame.length - 4 + 3).put(frame, 4, frame.length - 4 - FrameCodec.TAG_BYTES).put(new byte[3])
                .put(frame, frame.length - FrameCodec.TAG_BYTES, FrameCodec.TAG_BYTES);
        assertThat(rejection(longer.array())).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void anEmptySenderIsMalformed() {
        ByteBuffer body = ByteBuffer.allocate(4 + FrameCodec.MIN_BODY_BYTES + 3);
        body.putInt(FrameCodec.MIN_BODY_BYTES + 3).put((byte) 2).put((byte) 1).putShort((short) 3).put("run".getBytes()).putShort((short) 0);
        assertThat(rejection(body.array())).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] frame = codec.encode(new Message(RUN, "vmx", "vm2-17", 42));
        int senderStart = 4 + 2 + 2 + RUN.length() + 2;
        frame[senderStart] = (byte) 0xc3; // a lead byte followed by ASCII
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aNegativeClockIsMalformed() {
        byte[] frame = codec.encode(MESSAGE);
        frame[frame.length - FrameCodec.TAG_BYTES - 8] = (byte) 0x80;
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aClockAboveTheCeilingIsOutOfRangeAndTheCeilingItselfPasses() throws Exception {
        for (long clock : new long[]{LamportClock.MAX_MESSAGE_CLOCK + 1, Long.MAX_VALUE - 40, Long.MAX_VALUE}) {
            byte[] frame = codec.encode(new Message(RUN, "vm2", "vm2-17", clock));
            assertThat(rejection(frame)).as("clock %d", clock).isEqualTo(RejectReason.CLOCK_OUT_OF_RANGE);
        }
        Message atCeiling = new Message(RUN, "vm2", "vm2-17", LamportClock.MAX_MESSAGE_CLOCK);
        assertThat(read(codec.encode(atCeiling))).isEqualTo(new Frame.MessageFrame(atCeiling));
        assertThat(LamportClock.MAX_MESSAGE_CLOCK).isEqualTo(1L << 62);
    }

    @Test
    void aForgedFrameWithAHugeClockIsUnauthenticatedNotOutOfRange() {
        byte[] frame = new FrameCodec("not-the-secret", 256).encode(new Message(RUN, "vm2", "vm2-17", Long.MAX_VALUE));
        assertThat(rejection(frame)).as("only an authentic frame's clock is judged").isEqualTo(RejectReason.UNAUTHENTICATED);
    }

    @Test
    void requireClockInRangeIsTheSameCheckForMessagesThatDidNotComeThroughTheCodec() throws Exception {
        FrameCodec.requireClockInRange(new Message(RUN, "vm2", "vm2-1", LamportClock.MAX_MESSAGE_CLOCK));
        assertThat(catchThrowableOfType(FrameRejectedException.class, () -> FrameCodec.requireClockInRange(
                new Message(RUN, "vm2", "vm2-1", LamportClock.MAX_MESSAGE_CLOCK + 1))).reason()).isEqualTo(RejectReason.CLOCK_OUT_OF_RANGE);
    }

    @Test
    void anAckWithReceivedAboveQueuedIsMalformed() {
        byte[] frame = codec.encode(new Frame.Ack(RUN, 5, 5));
        frame[frame.length - FrameCodec.TAG_BYTES - 1] = 6; // R = 6 > Q = 5
        assertThat(rejection(frame)).isEqualTo(RejectReason.MALFORMED);
        assertThatIllegalArgumentException().isThrownBy(() -> new Frame.Resume(RUN, 1, 2));
    }

    @Test
    void aMessageTooBigForTheLimitIsNotEncoded() {
        String longId = "m".repeat(300);
        assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(new Message(RUN, "vm2", longId, 1)));
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FrameCodec(new byte[0], 256));
    }

    @Test
    void theLargestFrameWithValidNamesFitsLargestBodyBytesAndTheSmallestIsAOneCharacterHello() throws Exception {
        String name = "n".repeat(FrameCodec.MAX_NAME_BYTES);
        assertThat(Names.isValid(name)).as("the longest name Names allows").isTrue();
        assertThat(Names.isValid(name + "n")).isFalse();
        FrameCodec exact = new FrameCodec(SECRET, FrameCodec.LARGEST_BODY_BYTES);
        List<Frame> largest = List.of(
                new Frame.Hello(name, name, name),
                new Frame.Resume(name, Long.MAX_VALUE, Long.MAX_VALUE),
                new Frame.MessageFrame(new Message(name, name, MessageIds.of(name, Long.MAX_VALUE), LamportClock.MAX_MESSAGE_CLOCK)),
                new Frame.Ack(name, Long.MAX_VALUE, Long.MAX_VALUE));
        int longest = 0;
        for (Frame frame : largest) {
            byte[] bytes = exact.encode(frame);
            assertThat(exact.read(new ByteArrayInputStream(bytes))).isEqualTo(frame);
            longest = Math.max(longest, bytes.length - 4);
        }
        assertThat(longest).isEqualTo(FrameCodec.LARGEST_BODY_BYTES);

        byte[] smallest = codec.encode(new Frame.Hello("r", "a", "b"));
        assertThat(smallest.length - 4).isEqualTo(FrameCodec.SMALLEST_VALID_BODY_BYTES).isEqualTo(43);
        assertThat(codec.encode(new Frame.Ack("r", 0, 0)).length - 4).isGreaterThan(FrameCodec.SMALLEST_VALID_BODY_BYTES);
        assertThat(codec.encode(new Message("r", "a", "a-1", 0)).length - 4).isGreaterThan(FrameCodec.SMALLEST_VALID_BODY_BYTES);
    }

    @Test
    void reasonsHaveMetricTags() {
        assertThat(Arrays.stream(RejectReason.values()).map(RejectReason::tag)).contains(
                "wrong_run", "sender_mismatch", "duplicate", "unsupported_version", "unexpected_frame", "wrong_recipient",
                "clock_out_of_range", "unknown_sender");
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
