package io.clocklab.vm.web;

import io.clocklab.vm.config.VmProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a control request through only with {@code Authorization: Bearer <cluster secret>}. */
@Component
class ControlAuthInterceptor implements HandlerInterceptor {

    private final byte[] expected;

    ControlAuthInterceptor(VmProperties properties) {
        this.expected = ("Bearer " + properties.clusterSecret()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader("Authorization");
        if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException("control requests need 'Authorization: Bearer <cluster secret>'");
        }
        return true;
    }
}
