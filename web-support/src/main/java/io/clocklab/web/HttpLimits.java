package io.clocklab.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What either service reads of a request at most.
 *
 * @param maxRequestBody a longer body is refused with 413 before it is parsed, so no request can
 *                       fill the heap: the largest real one (an experiment with many variations, a
 *                       run set-up with many peers) is a few kilobytes
 */
@ConfigurationProperties("clocklab.http")
@Validated
public record HttpLimits(@DefaultValue("64KB") @NotNull DataSize maxRequestBody) {
}
