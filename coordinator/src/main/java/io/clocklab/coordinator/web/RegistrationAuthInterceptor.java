package io.clocklab.coordinator.web;

import io.clocklab.core.control.ClusterSecret;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Only a VM holding the cluster secret may join the cluster: a stranger would break every run. */
@Component
class RegistrationAuthInterceptor implements HandlerInterceptor {

    private final ClusterSecret secret;

    RegistrationAuthInterceptor(ClusterSecret secret) {
        this.secret = secret;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!secret.admits(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            throw new UnauthorizedException("registration needs 'Authorization: Bearer <cluster secret>'");
        }
        return true;
    }
}
