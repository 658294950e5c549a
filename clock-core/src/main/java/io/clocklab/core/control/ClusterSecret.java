package io.clocklab.core.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret every member of a cluster holds: the HMAC key of frames, and the bearer token of
 * the control API and of registration. One rule for both sides of an HTTP call.
 */
public final class ClusterSecret {

    /** The secret docker-compose.yml falls back to when CLOCKLAB_CLUSTER_SECRET is not set; public, so no secret at all. */
    public static final String COMPOSE_DEFAULT = "clocklab-dev-secret-change-me";

    /** What a service logs at start, as a WARN, while it runs with {@link #COMPOSE_DEFAULT}. */
    public static final String DEFAULT_WARNING = "The cluster secret is the compose file's public default '" + COMPOSE_DEFAULT
            + "': anyone who can reach this machine can register VMs, control them and forge frames."
            + " Set CLOCKLAB_CLUSTER_SECRET to a secret of your own (e.g. `openssl rand -hex 32`) for every service.";

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

    /** Whether this is the compose file's public default, {@link #COMPOSE_DEFAULT}. */
    public boolean isTheDefault() {
        return COMPOSE_DEFAULT.equals(secret);
    }

    /** Whether a received {@code Authorization} header carries this secret; constant-time. */
    public boolean admits(String authorizationHeader) {
        return authorizationHeader != null
                && MessageDigest.isEqual(expectedHeader, authorizationHeader.getBytes(StandardCharsets.UTF_8));
    }
}
