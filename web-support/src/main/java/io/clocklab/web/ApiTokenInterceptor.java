package io.clocklab.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Lets a changing request (POST, PUT, PATCH, DELETE) through only with
 * {@code Authorization: Bearer <API token>}; reads (GET, HEAD, OPTIONS) stay open. The comparison
 * takes the same time whatever the header holds, up to its length.
 */
public class ApiTokenInterceptor implements HandlerInterceptor {

    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final byte[] expectedHeader;
    private final String variable;

    /**
     * @param token    the token a caller must send; not blank
     * @param variable where the operator set it, for the 401's detail, e.g. "CLOCKLAB_API_TOKEN"
     */
    public ApiTokenInterceptor(String token, String variable) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the API token must not be empty");
        }
        this.expectedHeader = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.variable = variable;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (MUTATING.contains(request.getMethod()) && !admits(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            throw new UnauthorizedException(request.getMethod() + " requests to this API need 'Authorization: Bearer <API token>',"
                    + " the token set in " + variable + " on the server; reads (GET) need none");
        }
        return true;
    }

    boolean admits(String authorizationHeader) {
        return authorizationHeader != null
                && MessageDigest.isEqual(expectedHeader, authorizationHeader.getBytes(StandardCharsets.UTF_8));
    }
}
