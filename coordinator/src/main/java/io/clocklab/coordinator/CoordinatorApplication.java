package io.clocklab.coordinator;

import io.clocklab.coordinator.cli.CommandLine;
import io.clocklab.web.ProblemJsonErrorPages;
import io.clocklab.web.RequestBodyLimit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

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
        SpringApplication.run(CoordinatorApplication.class, args);
    }
}
