package io.clocklab.coordinator.web;

import io.clocklab.coordinator.config.CoordinatorProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Only a VM holding the cluster secret may join the cluster: a stranger would break every run. */
@Component
class RegistrationAuthInterceptor implements HandlerInterceptor {

    private final byte[] expected;

    RegistrationAuthInterceptor(CoordinatorProperties properties) {
        this.expected = ("Bearer " + properties.clusterSecret()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader("Authorization");
        if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException("registration needs 'Authorization: Bearer <cluster secret>'");
        }
        return true;
    }
}
