package io.clocklab.vm.web;

import io.clocklab.core.control.ClusterSecret;
import io.clocklab.web.ClusterSecretInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final ClusterSecret secret;

    WebConfig(ClusterSecret secret) {
        this.secret = secret;
    }

    /** Anyone who can reach port 808N must not be able to reset a run. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ClusterSecretInterceptor(secret, "control requests")).addPathPatterns("/internal/**");
    }
}
