package io.clocklab.vm.config;

import org.junit.jupiter.api.Test;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VM ships no Bean Validation provider and no jakarta EL (pom.xml): loaded at start, they cost each VM about
 * 5.5 MiB. Its settings check themselves ({@code PropertyRules}); a dependency that brings them back fails here.
 */
class NoBeanValidationTest {

    @Test
    void neitherHibernateValidatorNorJakartaElIsOnTheClassPath() {
        assertThat(ClassUtils.isPresent("org.hibernate.validator.HibernateValidator", null)).as("Hibernate Validator").isFalse();
        assertThat(ClassUtils.isPresent("jakarta.el.ExpressionFactory", null)).as("jakarta EL").isFalse();
    }
}
