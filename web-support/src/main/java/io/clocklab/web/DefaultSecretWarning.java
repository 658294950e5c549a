package io.clocklab.web;

import io.clocklab.core.control.ClusterSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place both services warn, at start, that they run with the compose file's public default secret. */
public final class DefaultSecretWarning {

    private static final Logger log = LoggerFactory.getLogger(DefaultSecretWarning.class);

    private DefaultSecretWarning() {
    }

    /** Logs {@link ClusterSecret#DEFAULT_WARNING} as a WARN when the secret is the default; answers whether it did. */
    public static boolean logIfDefault(ClusterSecret secret) {
        if (!secret.isTheDefault()) {
            return false;
        }
        log.warn(ClusterSecret.DEFAULT_WARNING);
        return true;
    }
}
