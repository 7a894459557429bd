package org.protocolregistry.validation.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GateRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"\"MDMA\"", "\" mdma \"", "\"Mdma\""})
    void mdmaPassesTrimmedAndIgnoringCase(String substance) {
        assertThat(RuleFixture.complete().with("/dosing/substance", substance).outcomes("GATE-001")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"psilocybin\"", "\"MDMA-HCl\"", "\"\"", "\"  \"", "null"})
    void anythingElseIsAnError(String substance) {
        var fixture = RuleFixture.complete().with("/dosing/substance", substance);

        assertThat(fixture.outcomes("GATE-001")).containsExactly("ERROR /dosing/substance");
    }

    @Test
    void missingSubstanceOrDosingSectionIsAnError() {
        assertThat(RuleFixture.complete().without("/dosing/substance").outcomes("GATE-001"))
                .containsExactly("ERROR /dosing/substance");
        assertThat(RuleFixture.minimal().outcomes("GATE-001")).containsExactly("ERROR /dosing/substance");
    }

    @Test
    void messageNamesTheValueFound() {
        var finding = RuleFixture.complete().with("/dosing/substance", "\"psilocybin\"").findings("GATE-001").get(0);

        assertThat(finding.message()).contains("\"psilocybin\"").contains("MDMA");
        assertThat(finding.reference()).isNotBlank();
    }
}
