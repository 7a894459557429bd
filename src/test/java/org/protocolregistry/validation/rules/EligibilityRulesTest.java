package org.protocolregistry.validation.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;

class EligibilityRulesTest {

    private static final List<String> ALL_EXCLUSIONS = List.of("PSYCHOTIC_DISORDER", "BIPOLAR_I",
            "UNCONTROLLED_HYPERTENSION", "ARRHYTHMIA_HISTORY", "QTC_PROLONGATION", "CARDIOVASCULAR_DISEASE",
            "PREGNANCY_OR_LACTATION", "CURRENT_SUBSTANCE_USE_DISORDER", "IMMINENT_SUICIDE_RISK", "HEPATIC_IMPAIRMENT",
            "HYPONATREMIA_HISTORY", "HYPERTHERMIA_HISTORY");

    /** The findings of the eligibility rules as "ID SEVERITY path", in report order. */
    private static List<String> eligibilityOutcomes(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> f.ruleId().startsWith("ELIG-"))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    /** The complete example's exclusion list without the given codes, as JSON. */
    private static String exclusionsWithout(String... codes) {
        var dropped = List.of(codes);
        return ALL_EXCLUSIONS.stream()
                .filter(code -> !dropped.contains(code))
                .map(code -> "\"" + code + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    void rulesAreInCatalogueOrderWithTheirMetadata() {
        var rules = EligibilityRules.all();

        assertThat(rules).extracting(Rule::id).containsExactly(
                "ELIG-001", "ELIG-002", "ELIG-003", "ELIG-004", "ELIG-005", "ELIG-006", "ELIG-007", "ELIG-008",
                "ELIG-009");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.category()).isEqualTo(RuleCategory.ELIGIBILITY);
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.thresholdKeys()).isEmpty();
        });
        assertThat(rules).extracting(Rule::severities).containsExactly(
                Set.of(Severity.ERROR), Set.of(Severity.ERROR), Set.of(Severity.ERROR), Set.of(Severity.ERROR),
                Set.of(Severity.WARNING), Set.of(Severity.ERROR), Set.of(Severity.WARNING), Set.of(Severity.WARNING),
                Set.of(Severity.ERROR));
        assertThat(EligibilityRules.ELIG_008.reference())
                .isEqualTo("Chronic pain means pain for more than 3 months (IASP); "
                        + "IMMPACT asks for a defined population.");
        assertThat(RuleCatalogue.rules()).containsSubsequence(rules);
    }

    @Test
    void completeExampleHasNoEligibilityFinding() {
        assertThat(eligibilityOutcomes(RuleFixture.complete())).isEmpty();
    }

    @Test
    void neuropathicDraftFindings() {
        assertThat(eligibilityOutcomes(RuleFixture.draft())).containsExactly(
                "ELIG-003 ERROR /eligibility/exclusions",
                "ELIG-005 WARNING /eligibility/contraceptionDaysAfterLastDose",
                "ELIG-006 ERROR /eligibility/exclusions",
                "ELIG-007 WARNING /eligibility/exclusions",
                "ELIG-008 WARNING /condition/diagnosticCriteria",
                "ELIG-008 WARNING /condition/minDurationMonths",
                "ELIG-008 WARNING /condition/minBaselinePainNrs");
    }

    @Test
    void missingSectionsYieldTheFindingsOfEachField() {
        assertThat(eligibilityOutcomes(RuleFixture.minimal())).containsExactly(
                "ELIG-001 ERROR /eligibility/minAge",
                "ELIG-002 ERROR /eligibility/exclusions",
                "ELIG-003 ERROR /eligibility/exclusions",
                "ELIG-004 ERROR /eligibility/exclusions",
                "ELIG-005 WARNING /eligibility/contraceptionDaysAfterLastDose",
                "ELIG-006 ERROR /eligibility/exclusions",
                "ELIG-007 WARNING /eligibility/exclusions",
                "ELIG-008 WARNING /condition/diagnosticCriteria",
                "ELIG-008 WARNING /condition/minDurationMonths",
                "ELIG-008 WARNING /condition/minBaselinePainNrs");
    }

    @ParameterizedTest
    @CsvSource({
        "17, true",
        "0, true",
        "-5, true",
        "-2147483648, true",
        "18, false",
        "19, false",
        "2147483647, false"
    })
    void minAgeBelow18IsAnError(String minAge, boolean fires) {
        var outcomes = RuleFixture.complete().with("/eligibility/minAge", minAge).outcomes("ELIG-001");

        assertThat(outcomes).isEqualTo(fires ? List.of("ERROR /eligibility/minAge") : List.of());
    }

    @Test
    void missingMinAgeIsAnError() {
        assertThat(RuleFixture.complete().without("/eligibility/minAge").outcomes("ELIG-001"))
                .containsExactly("ERROR /eligibility/minAge");
        assertThat(RuleFixture.complete().with("/eligibility/minAge", "null").outcomes("ELIG-001"))
                .containsExactly("ERROR /eligibility/minAge");
    }

    @Test
    void minAgeMessageNamesTheValueAndTheLimit() {
        var finding = RuleFixture.complete().with("/eligibility/minAge", "16").findings("ELIG-001").get(0);

        assertThat(finding.message()).contains("16").contains("18");
        assertThat(finding.reference()).isEqualTo("All MDMA trials enrolled adults.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ELIG-002 | ERROR   | PSYCHOTIC_DISORDER",
        "ELIG-002 | ERROR   | BIPOLAR_I",
        "ELIG-003 | ERROR   | UNCONTROLLED_HYPERTENSION",
        "ELIG-003 | ERROR   | ARRHYTHMIA_HISTORY",
        "ELIG-003 | ERROR   | QTC_PROLONGATION",
        "ELIG-003 | ERROR   | CARDIOVASCULAR_DISEASE",
        "ELIG-004 | ERROR   | PREGNANCY_OR_LACTATION",
        "ELIG-006 | ERROR   | CURRENT_SUBSTANCE_USE_DISORDER",
        "ELIG-007 | WARNING | IMMINENT_SUICIDE_RISK",
        "ELIG-007 | WARNING | HEPATIC_IMPAIRMENT",
        "ELIG-007 | WARNING | HYPONATREMIA_HISTORY",
        "ELIG-007 | WARNING | HYPERTHERMIA_HISTORY"
    })
    void eachRequiredExclusionIsChecked(String ruleId, Severity severity, String code) {
        var fixture = RuleFixture.complete().with("/eligibility/exclusions", exclusionsWithout(code));

        assertThat(eligibilityOutcomes(fixture)).containsExactly(ruleId + " " + severity + " /eligibility/exclusions");
        assertThat(fixture.findings(ruleId).get(0).message()).contains(code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ELIG-002 | PSYCHOTIC_DISORDER BIPOLAR_I | PSYCHOTIC_DISORDER and BIPOLAR_I",
        "ELIG-003 | UNCONTROLLED_HYPERTENSION ARRHYTHMIA_HISTORY QTC_PROLONGATION CARDIOVASCULAR_DISEASE"
                + " | UNCONTROLLED_HYPERTENSION, ARRHYTHMIA_HISTORY, QTC_PROLONGATION and CARDIOVASCULAR_DISEASE",
        "ELIG-003 | ARRHYTHMIA_HISTORY CARDIOVASCULAR_DISEASE | ARRHYTHMIA_HISTORY and CARDIOVASCULAR_DISEASE",
        "ELIG-007 | IMMINENT_SUICIDE_RISK HEPATIC_IMPAIRMENT HYPONATREMIA_HISTORY HYPERTHERMIA_HISTORY"
                + " | IMMINENT_SUICIDE_RISK, HEPATIC_IMPAIRMENT, HYPONATREMIA_HISTORY and HYPERTHERMIA_HISTORY"
    })
    void oneFindingNamesEveryMissingExclusion(String ruleId, String missing, String named) {
        var fixture = RuleFixture.complete().with("/eligibility/exclusions", exclusionsWithout(missing.split(" ")));

        var findings = fixture.findings(ruleId);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path()).isEqualTo("/eligibility/exclusions");
        assertThat(findings.get(0).message()).contains(named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null"})
    void emptyOrNullExclusionsFireEveryExclusionRuleOnce(String exclusions) {
        var fixture = RuleFixture.complete().with("/eligibility/exclusions", exclusions);

        assertThat(eligibilityOutcomes(fixture)).containsExactly(
                "ELIG-002 ERROR /eligibility/exclusions",
                "ELIG-003 ERROR /eligibility/exclusions",
                "ELIG-004 ERROR /eligibility/exclusions",
                "ELIG-006 ERROR /eligibility/exclusions",
                "ELIG-007 WARNING /eligibility/exclusions");
    }

    @ParameterizedTest
    @CsvSource({
        "9, true",
        "0, true",
        "-1, true",
        "10, false",
        "11, false",
        "2147483647, false"
    })
    void contraceptionUnder10DaysIsAWarning(String days, boolean fires) {
        var fixture = RuleFixture.complete().with("/eligibility/contraceptionDaysAfterLastDose", days);

        assertThat(fixture.outcomes("ELIG-005"))
                .isEqualTo(fires ? List.of("WARNING /eligibility/contraceptionDaysAfterLastDose") : List.of());
        if (fires) {
            assertThat(fixture.findings("ELIG-005").get(0).message()).contains(days + " days").contains("10");
        }
    }

    @Test
    void missingContraceptionPeriodIsAWarning() {
        assertThat(RuleFixture.complete().without("/eligibility/contraceptionDaysAfterLastDose").outcomes("ELIG-005"))
                .containsExactly("WARNING /eligibility/contraceptionDaysAfterLastDose");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "null"})
    void blankDiagnosticCriteriaAreAWarning(String criteria) {
        assertThat(RuleFixture.complete().with("/condition/diagnosticCriteria", criteria).outcomes("ELIG-008"))
                .containsExactly("WARNING /condition/diagnosticCriteria");
    }

    @ParameterizedTest
    @CsvSource({
        "2, true",
        "0, true",
        "-3, true",
        "3, false",
        "4, false"
    })
    void painDurationUnder3MonthsIsAWarning(String months, boolean fires) {
        var fixture = RuleFixture.complete().with("/condition/minDurationMonths", months);

        assertThat(fixture.outcomes("ELIG-008"))
                .isEqualTo(fires ? List.of("WARNING /condition/minDurationMonths") : List.of());
    }

    @ParameterizedTest
    @CsvSource({
        "-0.1, true",
        "-1, true",
        "10.01, true",
        "11, true",
        "99999999999999999999, true",
        "0, false",
        "0.0, false",
        "10, false",
        "10.00, false",
        "5.5, false"
    })
    void baselinePainOutside0To10IsAWarning(String nrs, boolean fires) {
        var fixture = RuleFixture.complete().with("/condition/minBaselinePainNrs", nrs);

        assertThat(fixture.outcomes("ELIG-008"))
                .isEqualTo(fires ? List.of("WARNING /condition/minBaselinePainNrs") : List.of());
    }

    @Test
    void baselinePainMessageNamesTheValueAndTheScale() {
        var message = RuleFixture.complete().with("/condition/minBaselinePainNrs", "12.50")
                .findings("ELIG-008").get(0).message();

        assertThat(message).contains("12.5").contains("0").contains("10");
    }

    @Test
    void eachConditionFieldAtFaultGetsItsOwnFindingInCatalogueOrder() {
        var fixture = RuleFixture.complete()
                .without("/condition/diagnosticCriteria")
                .with("/condition/minDurationMonths", "1")
                .with("/condition/minBaselinePainNrs", "-2");

        assertThat(fixture.outcomes("ELIG-008")).containsExactly(
                "WARNING /condition/diagnosticCriteria",
                "WARNING /condition/minDurationMonths",
                "WARNING /condition/minBaselinePainNrs");
    }

    @ParameterizedTest
    @CsvSource({
        "18, 17, true",
        "40, 0, true",
        "18, 18, false",
        "18, 19, false",
        "-5, -6, true"
    })
    void maxAgeBelowMinAgeIsAnError(String minAge, String maxAge, boolean fires) {
        var fixture = RuleFixture.complete().with("/eligibility/minAge", minAge).with("/eligibility/maxAge", maxAge);

        assertThat(fixture.outcomes("ELIG-009")).isEqualTo(fires ? List.of("ERROR /eligibility/maxAge") : List.of());
        if (fires) {
            assertThat(fixture.findings("ELIG-009").get(0).message()).contains(minAge).contains(maxAge);
        }
    }

    @Test
    void ageConsistencyNeedsBothAges() {
        assertThat(RuleFixture.complete().without("/eligibility/maxAge").outcomes("ELIG-009")).isEmpty();
        assertThat(RuleFixture.complete().without("/eligibility/minAge").with("/eligibility/maxAge", "10")
                .outcomes("ELIG-009")).isEmpty();
    }
}
