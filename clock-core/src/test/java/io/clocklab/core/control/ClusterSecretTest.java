package io.clocklab.core.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterSecretTest {

    private final ClusterSecret secret = new ClusterSecret("s3cret");

    @Test
    void admitsItsOwnHeader() {
        assertThat(secret.admits(secret.authorizationHeader())).isTrue();
    }

    @Test
    void refusesAnotherSecretAMissingHeaderAndABareSecret() {
        assertThat(secret.admits("Bearer other")).isFalse();
        assertThat(secret.admits(null)).isFalse();
        assertThat(secret.admits("s3cret")).isFalse();
    }

    @Test
    void knowsTheComposeDefault() {
        assertThat(new ClusterSecret("clocklab-dev-secret-change-me").isTheDefault()).isTrue();
        assertThat(secret.isTheDefault()).isFalse();
        assertThat(new ClusterSecret("clocklab-dev-secret-change-me ").isTheDefault()).isFalse();
        assertThat(ClusterSecret.DEFAULT_WARNING).contains("CLOCKLAB_CLUSTER_SECRET").contains(ClusterSecret.COMPOSE_DEFAULT);
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClusterSecret(" "));
    }
}
