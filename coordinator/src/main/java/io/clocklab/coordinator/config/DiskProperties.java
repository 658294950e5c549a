package io.clocklab.coordinator.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The data directory's disk ({@code clocklab.coordinator.disk.*}).
 *
 * @param keepFree what a run or an experiment must leave free on the data directory's disk, beyond
 *                 what its logs may take; one that could not is refused before it starts (507)
 */
@Validated
@ConfigurationProperties("clocklab.coordinator.disk")
public record DiskProperties(@DefaultValue("256MB") @NotNull DataSize keepFree) {
}
