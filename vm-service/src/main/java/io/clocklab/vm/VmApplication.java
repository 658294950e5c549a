package io.clocklab.vm;

import io.clocklab.web.ProblemJsonErrorPages;
import io.clocklab.web.RequestBodyLimit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** One model machine of the exercise, as a service: side port, ticks, log, metrics. */
@SpringBootApplication
@Import({ProblemJsonErrorPages.class, RequestBodyLimit.class})
@ConfigurationPropertiesScan
@EnableScheduling
public class VmApplication {

    public static void main(String[] args) {
        SpringApplication.run(VmApplication.class, args);
    }
}
