package io.clocklab.coordinator.web;

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

    /** Only a VM holding the cluster secret may join the cluster: a stranger would break every run. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ClusterSecretInterceptor(secret, "registrations")).addPathPatterns("/api/vms");
    }
}
