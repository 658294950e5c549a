package io.clocklab.web;

import io.clocklab.core.control.ClusterSecret;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/** Lets a request through only with {@code Authorization: Bearer <cluster secret>}. */
public class ClusterSecretInterceptor implements HandlerInterceptor {

    private final ClusterSecret secret;
    private final String what;

    /** @param what the requests it guards, for the 401's detail, e.g. "control requests" */
    public ClusterSecretInterceptor(ClusterSecret secret, String what) {
        this.secret = secret;
        this.what = what;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!secret.admits(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            throw new UnauthorizedException(what + " need 'Authorization: Bearer <cluster secret>'");
        }
        return true;
    }
}
