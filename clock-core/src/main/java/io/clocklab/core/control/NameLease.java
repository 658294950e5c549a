package io.clocklab.core.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A VM started without a name (a replica of a scaled service) asks the coordinator for one with
 * {@code {"instance": ...}} and gets {@code {"instance": ..., "name": "vm4"}} back. The instance is
 * what tells replicas apart and survives a restart of the same container (its hostname), so a
 * restarted replica gets its name back.
 *
 * @param instance the asking VM's instance (its hostname)
 * @param name     the name leased to it; null in the request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NameLease(String instance, String name) {
    public NameLease {
        Names.requireValid("instance", instance);
        if (name != null) {
            Names.requireValid("name", name);
        }
    }

    /** The request: an instance asking for a name. */
    public static NameLease ask(String instance) {
        return new NameLease(instance, null);
    }
}
