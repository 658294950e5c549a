package io.clocklab.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a {@code @ConfigurationProperties} record, made in its compact constructor instead of with Bean
 * Validation annotations, so that a service needs no Bean Validation provider (Hibernate Validator and jakarta EL
 * cost each VM about 5.5 MiB) to refuse a bad setting at start-up. Each problem names the property as it is set,
 * {@code clocklab.vm.side-port must be between 0 and 65535, got 70000}; all of a record's problems are thrown
 * together, by {@link #check()}, in one {@link IllegalArgumentException} that Spring Boot shows as the reason the
 * application failed to start.
 *
 * <pre>{@code
 * PropertyRules.under("clocklab.vm")
 *         .between("side-port", sidePort, 0, 65535)
 *         .notNull("log-dir", logDir)
 *         .check();
 * }</pre>
 */
public final class PropertyRules {

    private final String prefix;
    private final List<String> problems = new ArrayList<>();

    private PropertyRules(String prefix) {
        this.prefix = prefix;
    }

    /** Rules of the properties under {@code prefix} (that of the record's {@code @ConfigurationProperties}). */
    public static PropertyRules under(String prefix) {
        return new PropertyRules(prefix);
    }

    /** {@code property} (kebab-case, without the prefix) must hold {@code holds}; else "{prefix}.{property} {message}". */
    public PropertyRules require(boolean holds, String property, String message) {
        if (!holds) {
            problems.add(prefix + "." + property + " " + message);
        }
        return this;
    }

    /** Set to something: only a property set to nothing (or without a default) is null after binding. */
    public PropertyRules notNull(String property, Object value) {
        return require(value != null, property, "must be set");
    }

    /** Not null, empty or only white space; {@code message} says how to set it. */
    public PropertyRules notBlank(String property, String value, String message) {
        return require(value != null && !value.isBlank(), property, message);
    }

    public PropertyRules atLeast(String property, long value, long min) {
        return require(value >= min, property, "must be at least " + min + ", got " + value);
    }

    public PropertyRules between(String property, long value, long min, long max) {
        return require(value >= min && value <= max, property, "must be between " + min + " and " + max + ", got " + value);
    }

    /** The problems found so far, each naming its property. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Throws, when any rule was broken, one {@link IllegalArgumentException} saying all of them (one a line after
     * the first when there are several).
     */
    public void check() {
        if (problems.size() == 1) {
            throw new IllegalArgumentException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " settings are wrong:\n      - " + String.join("\n      - ", problems));
        }
    }
}
