package io.clocklab.core.wire;

import io.clocklab.core.model.Message;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FrameCodecTest {

    private static final String RUN = "20261121T100000Z-ab12";
    private static final Message MESSAGE = new Message(RUN, "vm2", "vm2-17", 42);
    private final FrameCodec codec = new FrameCodec("cluster-secret", 256);

    @Test
    void aFrameRoundTrips() throws Exception {
        assertThat(read(codec.encode(MESSAGE))).isEqualTo(MESSAGE);
    }

    @Test
    void unicodeNamesRoundTrip() throws Exception {
        Message message = new Message(RUN, "vm-ü", "vm-ü-1", Long.MAX_VALUE);
        assertThat(read(codec.encode(message))).isEqualTo(message);
    }

    @Test
    void framesFollowEachOtherOnOneStream() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(codec.encode(MESSAGE));
        stream.write(codec.encode(new Message(RUN, "vm3", "vm3-1", 1)));
        ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());

        assertThat(codec.read(in, RUN)).isEqualTo(MESSAGE);
        assertThat(codec.read(in, RUN).from()).isEqualTo("vm3");
        assertThat(codec.read(in, RUN)).as("clean end of stream").isNull();
    }

    @Test
    void theLengthPrefixCountsTheBody() {
        byte[] frame = codec.encode(MESSAGE);
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length - 4);
    }

    @Test
    void aWrongSecretIsUnauthenticated() {
        byte[] frame = new FrameCodec("another-secret", 256).encode(MESSAGE);
        assertThat(rejection(frame)).isEqualTo(RejectReason.UNAUTHENTICATED);
    }

    @Test
    void aFlippedClockBitIsUnauthenticated() {
        byte[] frame = codec.encode(MESSAGE);
        frame[frame.length - FrameCodec.TAG_BYTES - 1] ^= 1;
        assertThat(rejection(frame)).isEqualTo(RejectReason.UNAUTHENTICATED);
    }

    @Test
    void anotherRunIsRejectedAfterItIsAuthenticated() {
        byte[] frame = codec.encode(new Message("old-run", "vm2", "vm2-1", 3));
        assertThat(rejection(frame)).isEqualTo(RejectReason.WRONG_RUN);
    }

    @Test
    void aReceiverWithoutARunRejectsEverything() {
        assertThat(catchThrowableOfType(FrameRejectedException.class, () -> codec.read(new ByteArrayInputStream(codec.encode(MESSAGE)), null)).reason())
                .isEqualTo(RejectReason.WRONG_RUN);
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
    void anUnknownVersionIsUnsupported() {
        byte[] frame = codec.encode(MESSAGE);
        frame[4] = 2;
        assertThat(rejection(frame)).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
    }

    @Test
    void aFieldLengthPastTheEndIsMalformed() {
        byte[] frame = codec.encode(MESSAGE);
        frame[5] = (byte) 0x7f; // runId length now far larger than the frame
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
        body.putInt(FrameCodec.MIN_BODY_BYTES + 3).put((byte) 1).putShort((short) 3).put("run".getBytes()).putShort((short) 0);
        assertThat(rejection(body.array())).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] frame = codec.encode(new Message(RUN, "vmx", "vm2-17", 42));
        int senderStart = 4 + 1 + 2 + RUN.length() + 2;
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
    void aMessageTooBigForTheLimitIsNotEncoded() {
        String longId = "m".repeat(300);
        assertThatIllegalArgumentException().isThrownBy(() -> codec.encode(new Message(RUN, "vm2", longId, 1)));
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FrameCodec(new byte[0], 256));
    }

    @Test
    void reasonsHaveMetricTags() {
        assertThat(RejectReason.WRONG_RUN.tag()).isEqualTo("wrong_run");
    }

    private Message read(byte[] frame) throws IOException, FrameRejectedException {
        return codec.read(new ByteArrayInputStream(frame), RUN);
    }

    private RejectReason rejection(byte[] frame) {
        FrameRejectedException e = catchThrowableOfType(FrameRejectedException.class, () -> read(frame));
        assertThat(e).as("frame should be rejected").isNotNull();
        return e.reason();
    }
}
