package io.clocklab.vm.config;

import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.wire.FrameCodec;
import io.clocklab.vm.run.MonotonicClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.InstantSource;

@Configuration(proxyBeanMethods = false)
class VmBeans {

    @Bean
    ClusterSecret clusterSecret(VmProperties properties) {
        return new ClusterSecret(properties.clusterSecret());
    }

    @Bean
    FrameCodec frameCodec(VmProperties properties) {
        return new FrameCodec(properties.clusterSecret(), properties.maxFrameBytes());
    }

    /** The ticker's time; a bean so that tests can run it virtually. */
    @Bean
    MonotonicClock monotonicClock() {
        return MonotonicClock.SYSTEM;
    }

    /** The wall clock of event timestamps; a bean so that tests can pin it. */
    @Bean
    InstantSource instantSource() {
        return InstantSource.system();
    }
}
