package io.clocklab.coordinator.web;

import io.clocklab.coordinator.config.CoordinatorProperties;
import io.clocklab.core.control.ClusterSecret;
import io.clocklab.web.ApiTokenInterceptor;
import io.clocklab.web.ClusterSecretInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    static final String REGISTRATION = "/api/vms";
    static final String NAME_LEASES = "/api/vms/names/**";

    private final ClusterSecret secret;
    private final CoordinatorProperties properties;

    WebConfig(ClusterSecret secret, CoordinatorProperties properties) {
        this.secret = secret;
        this.properties = properties;
    }

    /**
     * Only a VM holding the cluster secret may join the cluster: a stranger would break every run.
     * With an API token set, only its holders may start runs and experiments or change anything
     * else under {@code /api}; registration and name leases keep the cluster secret, and reads stay open.
     */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ClusterSecretInterceptor(secret, "registrations")).addPathPatterns(REGISTRATION, NAME_LEASES);
        if (properties.apiTokenRequired()) {
            registry.addInterceptor(new ApiTokenInterceptor(properties.apiToken(), "CLOCKLAB_API_TOKEN"))
                    .addPathPatterns("/api/**").excludePathPatterns(REGISTRATION, NAME_LEASES);
        }
    }
}
