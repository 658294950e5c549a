package io.clocklab.vm.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final ControlAuthInterceptor controlAuth;

    WebConfig(ControlAuthInterceptor controlAuth) {
        this.controlAuth = controlAuth;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(controlAuth).addPathPatterns("/internal/**");
    }
}
