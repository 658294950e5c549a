package io.clocklab.coordinator.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final RegistrationAuthInterceptor registrationAuth;

    WebConfig(RegistrationAuthInterceptor registrationAuth) {
        this.registrationAuth = registrationAuth;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(registrationAuth).addPathPatterns("/api/vms");
    }
}
