package io.clocklab.vm.run;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RunBeans {

    /** The ticker's time; a bean so that tests can run it virtually. */
    @Bean
    MonotonicClock monotonicClock() {
        return MonotonicClock.SYSTEM;
    }
}
