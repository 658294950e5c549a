package io.clocklab.vm.web;

import io.clocklab.core.control.ClusterSecret;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Lets a control request through only with {@code Authorization: Bearer <cluster secret>}. */
@Component
class ControlAuthInterceptor implements HandlerInterceptor {

    private final ClusterSecret secret;

    ControlAuthInterceptor(ClusterSecret secret) {
        this.secret = secret;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!secret.admits(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            throw new UnauthorizedException("control requests need 'Authorization: Bearer <cluster secret>'");
        }
        return true;
    }
}
