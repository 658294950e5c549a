package io.clocklab.vm.web;

import io.clocklab.core.control.ClusterSecret;
import io.clocklab.vm.run.ControlActivity;
import io.clocklab.web.ClusterSecretInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final ClusterSecret secret;
    private final ControlActivity activity;

    WebConfig(ClusterSecret secret, ControlActivity activity) {
        this.secret = secret;
        this.activity = activity;
    }

    /**
     * No Bean Validation in MVC: the VM ships no provider for it (pom.xml) and no endpoint of its asks for it
     * ({@code @Valid}; the requests' records check themselves). Without this, Spring MVC would look for a provider at
     * every start, and log that it found none.
     */
    @Override
    public Validator getValidator() {
        return new Validator() {
            @Override
            public boolean supports(Class<?> type) {
                return false;
            }

            @Override
            public void validate(Object target, Errors errors) {
            }
        };
    }

    /** Anyone who can reach port 808N must not be able to reset a run. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ClusterSecretInterceptor(secret, "control requests")).addPathPatterns("/internal/**");
        // when the coordinator last called: a VM stopping waits for its calls to end (StopLinger)
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                activity.touch();
                return true;
            }

            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
                activity.touch();
            }
        }).addPathPatterns("/internal/**");
    }
}
