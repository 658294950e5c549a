package io.clocklab.core.wire;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The codec tests' frames as bytes: read one, see why it is refused, tag hand-written bytes. */
final class FrameBytes {

    private FrameBytes() {
    }

    static Frame read(FrameCodec codec, byte[] frame) throws IOException, FrameRejectedException {
        return codec.read(new ByteArrayInputStream(frame));
    }

    /** Why {@code codec} refuses the frame; fails when it does not. */
    static RejectReason rejection(FrameCodec codec, byte[] frame) {
        FrameRejectedException e = catchThrowableOfType(FrameRejectedException.class, () -> read(codec, frame));
        assertThat(e).as("frame should be rejected").isNotNull();
        return e.reason();
    }

    /** HMAC-SHA256 of the bytes with the secret, as a frame's tag. */
    static byte[] hmac(String secret, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
