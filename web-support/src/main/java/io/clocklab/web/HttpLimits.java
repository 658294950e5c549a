package io.clocklab.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What either service reads of a request at most.
 *
 * @param maxRequestBody a longer body is refused with 413 before it is parsed, so no request can
 *                       fill the heap: the largest real one (an experiment with many variations, a
 *                       run set-up with many peers) is a few kilobytes
 */
@ConfigurationProperties(HttpLimits.PREFIX)
public record HttpLimits(@DefaultValue("64KB") DataSize maxRequestBody) {

    public static final String PREFIX = "clocklab.http";

    /** Checked without Bean Validation ({@link PropertyRules}), so that a service need not ship a provider for it. */
    public HttpLimits {
        PropertyRules.under(PREFIX)
                .notNull("max-request-body", maxRequestBody)
                .check();
    }
}
