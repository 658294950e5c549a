package io.clocklab.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PropertyRulesTest {

    @Test
    void eachRuleNamesItsPropertyWithThePrefix() {
        PropertyRules rules = PropertyRules.under("clocklab.x")
                .notNull("a-duration", null)
                .notBlank("secret", " ", "must be set (CLOCKLAB_SECRET)")
                .atLeast("count", 0, 1)
                .between("port", 70000, 0, 65535)
                .require(false, "interval", "must be at least the round");

        assertThat(rules.problems()).containsExactly(
                "clocklab.x.a-duration must be set",
                "clocklab.x.secret must be set (CLOCKLAB_SECRET)",
                "clocklab.x.count must be at least 1, got 0",
                "clocklab.x.port must be between 0 and 65535, got 70000",
                "clocklab.x.interval must be at least the round");
    }

    @Test
    void goodValuesPass() {
        PropertyRules rules = PropertyRules.under("clocklab.x")
                .notNull("a-duration", "1s")
                .notBlank("secret", "s", "must be set")
                .atLeast("count", 1, 1)
                .between("port", 0, 0, 65535)
                .between("port", 65535, 0, 65535)
                .require(true, "interval", "must be at least the round");

        assertThat(rules.problems()).isEmpty();
        assertThatCode(rules::check).doesNotThrowAnyException();
    }

    @Test
    void oneProblemIsTheMessageAndSeveralAreListed() {
        assertThatIllegalArgumentException().isThrownBy(() -> PropertyRules.under("p").atLeast("a", 0, 1).check())
                .withMessage("p.a must be at least 1, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> PropertyRules.under("p").atLeast("a", 0, 1).notNull("b", null).check())
                .withMessage("2 settings are wrong:\n      - p.a must be at least 1, got 0\n      - p.b must be set");
    }
}
