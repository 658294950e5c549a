package io.clocklab.core.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret every member of a cluster holds: the HMAC key of frames, and the bearer token of
 * the control API and of registration. One rule for both sides of an HTTP call.
 */
public final class ClusterSecret {

    private final String secret;
    private final byte[] expectedHeader;

    public ClusterSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the cluster secret must not be empty");
        }
        this.secret = secret;
        this.expectedHeader = authorizationHeader().getBytes(StandardCharsets.UTF_8);
    }

    /** The value of the {@code Authorization} header a caller sends. */
    public String authorizationHeader() {
        return "Bearer " + secret;
    }

    /** Whether a received {@code Authorization} header carries this secret; constant-time. */
    public boolean admits(String authorizationHeader) {
        return authorizationHeader != null
                && MessageDigest.isEqual(expectedHeader, authorizationHeader.getBytes(StandardCharsets.UTF_8));
    }
}
