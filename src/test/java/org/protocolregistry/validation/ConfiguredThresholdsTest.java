package org.protocolregistry.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.as;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A stricter board's thresholds (registry.rules.*) apply to validation and show in the catalogue and reports. */
@QuarkusTest
@TestProfile(ConfiguredThresholdsTest.StricterBoard.class)
class ConfiguredThresholdsTest {

    /** A second boot is the only way to prove configuration is read; this profile is the only one that needs it. */
    public static class StricterBoard implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registry.rules.dose.max-initial-mg", "100", "registry.rules.dose.warn-initial-mg", "90");
        }
    }

    @Test
    void configuredMaximumTurnsTheExampleDoseIntoAnError() {
        var report = as(Tokens.reviewer()).contentType("application/json")
                .body(Examples.text(Examples.FIBROMYALGIA)).post("/api/v1/validate").then().extract();

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.<Boolean>path("valid")).isFalse();
        assertThat(report.<List<String>>path("findings.findAll { it.ruleId == 'DOSE-003' }.severity"))
                .containsExactly("ERROR");
        assertThat(report.<Object>path("thresholds.'dose.max-initial-mg'")).isEqualTo(100);
    }

    @Test
    void catalogueShowsTheValueInForceBesideTheDefault() {
        var rule = as(Tokens.viewer()).get("/api/v1/rules/DOSE-003").then().extract();

        assertThat(rule.<List<String>>path("thresholds.key"))
                .containsExactly("dose.max-initial-mg", "dose.warn-initial-mg");
        assertThat(rule.<List<Object>>path("thresholds.value")).containsExactly(100, 90);
        assertThat(rule.<List<Object>>path("thresholds.defaultValue")).containsExactly(125, 120);
    }
}
