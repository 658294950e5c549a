package io.clocklab.coordinator;

import io.clocklab.coordinator.cli.CommandLine;
import io.clocklab.web.ProblemJsonErrorPages;
import io.clocklab.web.RequestBodyLimit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.security.Security;

/** Registers the VMs, hands out peers and rates, starts and ends runs, runs experiments and serves reports. */
@SpringBootApplication
@Import({ProblemJsonErrorPages.class, RequestBodyLimit.class})
@ConfigurationPropertiesScan
@EnableScheduling
public class CoordinatorApplication {

    /** {@code analyze ...} or {@code check ...} runs the command-line tool instead of the server. */
    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(new CommandLine(System.out, System.err).run(args));
        }
        // The JVM keeps a DNS answer for 30 s by default: replicas that start or stop (ExpectedVms counts a
        // service's addresses) would be seen that late. Set before the first lookup.
        Security.setProperty("networkaddress.cache.ttl", "2");
        Security.setProperty("networkaddress.cache.negative.ttl", "1");
        SpringApplication.run(CoordinatorApplication.class, args);
    }
}
