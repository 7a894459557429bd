package org.protocolregistry.validation.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.validation.Finding;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Thresholds;

class SettingRulesTest {

    private static final String TYPE = "/setting/type";
    private static final String DURATION = "/setting/sessionDurationHours";
    private static final String OVERNIGHT = "/setting/overnightStay";
    private static final String DISCHARGE = "/setting/dischargeCriteria";
    private static final String ESCORT = "/setting/escortRequired";
    private static final String WRITTEN_PLAN = "/setting/emergency/writtenPlan";
    private static final String PHYSICIAN = "/setting/emergency/physicianOnCall";
    private static final String EQUIPMENT = "/setting/emergency/equipment";
    private static final String RESPONSE = "/setting/emergency/maxResponseMinutes";
    private static final String FLUIDS = "/setting/fluidManagementPlan";

    /** The findings of every setting rule as "ID SEVERITY path". */
    private static List<String> settingOutcomes(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> f.ruleId().startsWith("SET-"))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    private static List<String> expected(String outcome) {
        return outcome == null ? List.of() : List.of(outcome);
    }

    private static Finding only(RuleFixture fixture, String ruleId) {
        var findings = fixture.findings(ruleId);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    // ---- the catalogue as a whole ----

    @Test
    void rulesAreListedInCatalogueOrderRightAfterTheDoseRules() {
        var ids = RuleCatalogue.rules().stream().map(Rule::id).toList();
        var settingIds = List.of("SET-001", "SET-002", "SET-003", "SET-004", "SET-005", "SET-006", "SET-007",
                "SET-008");

        assertThat(SettingRules.all()).extracting(Rule::id).containsExactlyElementsOf(settingIds);
        assertThat(SettingRules.all()).allSatisfy(rule -> {
            assertThat(rule.category()).isEqualTo(RuleCategory.SETTING);
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.reference()).isNotBlank();
        });
        assertThat(ids.subList(ids.indexOf("DOSE-010") + 1, ids.indexOf("DOSE-010") + 9))
                .containsExactlyElementsOf(settingIds);
        assertThat(SettingRules.SET_007.thresholdKeys()).containsExactly(Thresholds.MAX_EMERGENCY_RESPONSE_MINUTES);
        assertThat(SettingRules.SET_001.thresholdKeys()).isEmpty();
        assertThat(SettingRules.SET_008.reference()).isEqualTo("About 31% of volunteers developed hyponatraemia "
                + "after one dose with free fluid intake, none with restriction (pooled Basel analysis, 2024).");
    }

    @Test
    void completeExampleGivesNoSettingFinding() {
        assertThat(settingOutcomes(RuleFixture.complete())).isEmpty();
    }

    @Test
    void neuropathicDraftFindings() {
        assertThat(settingOutcomes(RuleFixture.draft())).containsExactly(
                "SET-002 WARNING " + DURATION,
                "SET-003 WARNING " + OVERNIGHT,
                "SET-004 ERROR " + DISCHARGE,
                "SET-006 ERROR " + WRITTEN_PLAN,
                "SET-006 ERROR " + PHYSICIAN,
                "SET-006 ERROR " + EQUIPMENT,
                "SET-007 WARNING " + RESPONSE,
                "SET-008 WARNING " + FLUIDS);
    }

    @Test
    void missingSettingSectionReportsEveryField() {
        var expected = List.of(
                "SET-001 ERROR " + TYPE,
                "SET-002 ERROR " + DURATION,
                "SET-003 WARNING " + OVERNIGHT,
                "SET-004 ERROR " + DISCHARGE,
                "SET-005 ERROR " + ESCORT,
                "SET-006 ERROR " + WRITTEN_PLAN,
                "SET-006 ERROR " + PHYSICIAN,
                "SET-006 ERROR " + EQUIPMENT,
                "SET-007 WARNING " + RESPONSE,
                "SET-008 WARNING " + FLUIDS);

        assertThat(settingOutcomes(RuleFixture.minimal())).isEqualTo(expected);
        assertThat(settingOutcomes(RuleFixture.complete().without("/setting"))).isEqualTo(expected);
        assertThat(settingOutcomes(RuleFixture.complete().with("/setting", "null"))).isEqualTo(expected);
    }

    // ---- SET-001 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "HOSPITAL, -",
        "CLINICAL_RESEARCH_UNIT, -",
        "OUTPATIENT_CLINIC, -",
        "HOME, ERROR /setting/type",
        "RETREAT, ERROR /setting/type",
        "OTHER, ERROR /setting/type"})
    void dosingBelongsInAClinicalSetting(String type, String outcome) {
        var fixture = RuleFixture.complete().with(TYPE, "\"" + type + "\"");

        assertThat(fixture.outcomes("SET-001")).isEqualTo(expected(outcome));
    }

    @Test
    void missingSettingTypeIsAnError() {
        assertThat(RuleFixture.complete().with(TYPE, "null").outcomes("SET-001")).containsExactly("ERROR " + TYPE);
        assertThat(RuleFixture.complete().without(TYPE).outcomes("SET-001")).containsExactly("ERROR " + TYPE);
        assertThat(only(RuleFixture.complete().with(TYPE, "\"HOME\""), "SET-001").message())
                .contains("HOME").contains("CLINICAL_RESEARCH_UNIT");
    }

    // ---- SET-002 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "null, ERROR /setting/sessionDurationHours",
        "-1, ERROR /setting/sessionDurationHours",
        "0, ERROR /setting/sessionDurationHours",
        "5.99, ERROR /setting/sessionDurationHours",
        "6, WARNING /setting/sessionDurationHours",
        "6.00, WARNING /setting/sessionDurationHours",
        "7.99, WARNING /setting/sessionDurationHours",
        "8, -",
        "8.0, -",
        "12, -",
        "1e1000, -",
        "1e-1000, ERROR /setting/sessionDurationHours"})
    void sessionDurationBands(String hours, String outcome) {
        assertThat(RuleFixture.complete().with(DURATION, hours).outcomes("SET-002")).isEqualTo(expected(outcome));
    }

    @Test
    void sessionDurationMessagesNameTheHoursAndTheLimits() {
        assertThat(RuleFixture.complete().without(DURATION).outcomes("SET-002")).containsExactly("ERROR " + DURATION);
        assertThat(only(RuleFixture.complete().with(DURATION, "4.50"), "SET-002").message())
                .contains("4.5 hours").contains("6 hours").contains("8 hours");
        assertThat(only(RuleFixture.complete().with(DURATION, "7"), "SET-002").message())
                .contains("7 hours").contains("8 hours");
    }

    // ---- SET-003, SET-005, SET-008: "not true" ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "/setting/overnightStay, true, -",
        "/setting/overnightStay, false, WARNING /setting/overnightStay",
        "/setting/overnightStay, null, WARNING /setting/overnightStay",
        "/setting/escortRequired, true, -",
        "/setting/escortRequired, false, ERROR /setting/escortRequired",
        "/setting/escortRequired, null, ERROR /setting/escortRequired",
        "/setting/fluidManagementPlan, true, -",
        "/setting/fluidManagementPlan, false, WARNING /setting/fluidManagementPlan",
        "/setting/fluidManagementPlan, null, WARNING /setting/fluidManagementPlan"})
    void flagsMustBeTrue(String path, String value, String outcome) {
        var ruleId = switch (path) {
            case OVERNIGHT -> "SET-003";
            case ESCORT -> "SET-005";
            default -> "SET-008";
        };

        assertThat(RuleFixture.complete().with(path, value).outcomes(ruleId)).isEqualTo(expected(outcome));
    }

    @Test
    void absentFlagsAreNotTrue() {
        assertThat(RuleFixture.complete().without(OVERNIGHT).outcomes("SET-003")).containsExactly("WARNING " + OVERNIGHT);
        assertThat(RuleFixture.complete().without(ESCORT).outcomes("SET-005")).containsExactly("ERROR " + ESCORT);
        assertThat(RuleFixture.complete().without(FLUIDS).outcomes("SET-008")).containsExactly("WARNING " + FLUIDS);
        assertThat(only(RuleFixture.complete().with(OVERNIGHT, "false"), "SET-003").message()).contains("false");
        assertThat(only(RuleFixture.complete().without(ESCORT), "SET-005").message()).contains("not stated");
    }

    // ---- SET-004 ----

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "[\"ESCORT_PRESENT\"]", "[\"NO_SUICIDAL_IDEATION\", \"ESCORT_PRESENT\"]"})
    void dischargeCriteriaLackingAllThreeGiveOneFindingNamingEach(String criteria) {
        var fixture = RuleFixture.complete().with(DISCHARGE, criteria);

        assertThat(fixture.outcomes("SET-004")).containsExactly("ERROR " + DISCHARGE);
        assertThat(only(fixture, "SET-004").message())
                .contains("lack ACUTE_EFFECTS_RESOLVED, VITALS_AT_BASELINE and CLINICIAN_SIGN_OFF");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "[\"ACUTE_EFFECTS_RESOLVED\"] | lack VITALS_AT_BASELINE and CLINICIAN_SIGN_OFF (",
        "[\"ACUTE_EFFECTS_RESOLVED\", \"CLINICIAN_SIGN_OFF\"] | lack VITALS_AT_BASELINE (",
        "[\"CLINICIAN_SIGN_OFF\", \"VITALS_AT_BASELINE\"] | lack ACUTE_EFFECTS_RESOLVED (",
        "[\"CLINICIAN_SIGN_OFF\", \"VITALS_AT_BASELINE\", \"ACUTE_EFFECTS_RESOLVED\"] | -"})
    void dischargeCriteriaNameOnlyTheMissingOnes(String criteria, String lacking) {
        var fixture = RuleFixture.complete().with(DISCHARGE, criteria);

        if (lacking == null) {
            assertThat(fixture.outcomes("SET-004")).isEmpty();
        } else {
            assertThat(fixture.outcomes("SET-004")).containsExactly("ERROR " + DISCHARGE);
            assertThat(only(fixture, "SET-004").message()).contains(lacking);
        }
    }

    // ---- SET-006 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", delimiter = '|', value = {
        "/setting/emergency/writtenPlan | false | ERROR /setting/emergency/writtenPlan",
        "/setting/emergency/writtenPlan | null | ERROR /setting/emergency/writtenPlan",
        "/setting/emergency/physicianOnCall | false | ERROR /setting/emergency/physicianOnCall",
        "/setting/emergency/physicianOnCall | null | ERROR /setting/emergency/physicianOnCall",
        "/setting/emergency/equipment | [\"CRASH_CART\", \"OXYGEN\", \"COOLING\"] | ERROR /setting/emergency/equipment",
        "/setting/emergency/equipment | [] | ERROR /setting/emergency/equipment",
        "/setting/emergency/equipment | null | ERROR /setting/emergency/equipment",
        "/setting/emergency/equipment | [\"AED\"] | -"})
    void eachEmergencyGapIsItsOwnFinding(String path, String value, String outcome) {
        assertThat(RuleFixture.complete().with(path, value).outcomes("SET-006")).isEqualTo(expected(outcome));
    }

    @Test
    void emergencyFindingsComeInCatalogueOrderOneEach() {
        var allMissing = RuleFixture.complete().without("/setting/emergency");
        var allWrong = RuleFixture.complete().with("/setting/emergency",
                "{\"writtenPlan\": false, \"physicianOnCall\": false, \"equipment\": [\"OXYGEN\"], "
                        + "\"maxResponseMinutes\": 5}");

        assertThat(allMissing.outcomes("SET-006"))
                .containsExactly("ERROR " + WRITTEN_PLAN, "ERROR " + PHYSICIAN, "ERROR " + EQUIPMENT);
        assertThat(allWrong.outcomes("SET-006"))
                .containsExactly("ERROR " + WRITTEN_PLAN, "ERROR " + PHYSICIAN, "ERROR " + EQUIPMENT);
        assertThat(allWrong.findings("SET-006").get(2).message()).contains("AED").contains("OXYGEN");
    }

    // ---- SET-007 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "null, WARNING /setting/emergency/maxResponseMinutes",
        "0, -",
        "10, -",
        "15, -",
        "16, WARNING /setting/emergency/maxResponseMinutes",
        "2147483647, WARNING /setting/emergency/maxResponseMinutes",
        "-5, -"})
    void emergencyResponseTimeBands(String minutes, String outcome) {
        assertThat(RuleFixture.complete().with(RESPONSE, minutes).outcomes("SET-007")).isEqualTo(expected(outcome));
    }

    @Test
    void emergencyResponseLimitComesFromConfigurationAndIsNamed() {
        var d = Thresholds.DEFAULTS;
        var stricter = new Thresholds(d.maxInitialDoseMg(), d.warnInitialDoseMg(), d.maxMgPerKg(),
                d.maxSessionTotalMg(), 5, d.minMonitors(), d.maxSystolicMmHg(), d.maxDiastolicMmHg(),
                d.maxHeartRateBpm(), d.maxTemperatureC());
        var findings = RuleFixture.complete().validate(stricter).findings().stream()
                .filter(f -> f.ruleId().equals("SET-007")).toList();

        assertThat(findings).extracting(Finding::path).containsExactly(RESPONSE);
        assertThat(findings.get(0).message()).contains("10 minutes").contains("5-minute");
        assertThat(RuleFixture.complete().without(RESPONSE).outcomes("SET-007")).containsExactly("WARNING " + RESPONSE);
        assertThat(only(RuleFixture.complete().with(RESPONSE, "30"), "SET-007").message())
                .contains("30 minutes").contains("15-minute");
    }
}
