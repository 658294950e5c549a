package io.clocklab.vm.config;

import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.web.DefaultSecretWarning;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.InstantSource;

@Configuration(proxyBeanMethods = false)
class VmBeans {

    /** The secret of the cluster; with the compose file's public default, a WARN at start says so. */
    @Bean
    ClusterSecret clusterSecret(VmProperties properties) {
        ClusterSecret secret = new ClusterSecret(properties.clusterSecret());
        DefaultSecretWarning.logIfDefault(secret);
        return secret;
    }

    @Bean
    FrameCodec frameCodec(VmProperties properties) {
        return new FrameCodec(properties.clusterSecret(), properties.maxFrameBytes());
    }

    /** The wall clock of event timestamps; a bean so that tests can pin it. */
    @Bean
    InstantSource instantSource() {
        return InstantSource.system();
    }
}
