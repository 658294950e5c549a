package io.clocklab.coordinator.config;

import io.clocklab.core.control.ClusterSecret;
import io.clocklab.core.run.AnalysisLimits;
import io.clocklab.web.DefaultSecretWarning;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

@Configuration(proxyBeanMethods = false)
class CoordinatorBeans {

    /**
     * Draws what a request leaves open: a run's seed and the suffix of its id. Everything else
     * random in a run follows from the seed, so a run can be replayed by giving its seed back.
     */
    @Bean
    RandomGenerator seedSource() {
        return new SecureRandom();
    }

    /** The secret of the cluster; with the compose file's public default, a WARN at start says so. */
    @Bean
    ClusterSecret clusterSecret(CoordinatorProperties properties) {
        ClusterSecret secret = new ClusterSecret(properties.clusterSecret());
        DefaultSecretWarning.logIfDefault(secret);
        return secret;
    }

    /**
     * The analysis limits, spilling to {@code <data-dir>/tmp} (on the data volume, not the container's
     * own disk). The folder is made when a sort first spills, by the user the service runs as: made
     * here, it would be made at image build time (the class-data training run) and owned by root.
     */
    @Bean
    AnalysisLimits analysisLimits(AnalysisProperties analysis, CoordinatorProperties properties) {
        return new AnalysisLimits(analysis.sortChunk(), analysis.shownPerList(), analysis.jumpSample(),
                properties.dataDir().resolve("tmp"));
    }

    @Bean
    InstantSource instantSource() {
        return InstantSource.system();
    }
}
