package org.protocolregistry.validation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.validation.Finding;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.SafetyValidator;
import org.protocolregistry.validation.Thresholds;

class DoseRulesTest {

    private static final String INITIAL = "/dosing/initialDoseMg";
    private static final String SUPPLEMENTAL = "/dosing/supplementalDoseMg";
    private static final String DELAY = "/dosing/supplementalDelayMinutes";
    private static final String MAX_TOTAL = "/dosing/maxSessionTotalMg";
    private static final String HOLD = "/dosing/supplementalHoldCriteria";
    private static final String SESSIONS = "/dosing/sessionCount";
    private static final String INTERVAL = "/dosing/minIntervalDays";
    private static final String WEIGHT = "/eligibility/minWeightKg";

    /** The findings of every dose rule as "ID SEVERITY path". */
    private static List<String> doseOutcomes(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> f.ruleId().startsWith("DOSE-"))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    /** Expected outcomes from a CSV cell: empty means no finding. */
    private static List<String> expected(String outcome) {
        return outcome == null ? List.of() : List.of(outcome);
    }

    private static List<String> outcomes(RuleFixture fixture, Thresholds thresholds, String ruleId) {
        return fixture.validate(thresholds).findings().stream()
                .filter(f -> f.ruleId().equals(ruleId))
                .map(f -> f.severity() + " " + f.path())
                .toList();
    }

    private static Finding only(RuleFixture fixture, String ruleId) {
        var findings = fixture.findings(ruleId);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    private static Thresholds thresholds(String maxInitial, String warnInitial, String maxMgPerKg, String maxTotal) {
        var d = Thresholds.DEFAULTS;
        return new Thresholds(new BigDecimal(maxInitial), new BigDecimal(warnInitial), new BigDecimal(maxMgPerKg),
                new BigDecimal(maxTotal), d.maxEmergencyResponseMinutes(), d.minMonitors(), d.maxSystolicMmHg(),
                d.maxDiastolicMmHg(), d.maxHeartRateBpm(), d.maxTemperatureC());
    }

    // ---- the catalogue as a whole ----

    @Test
    void rulesAreListedInCatalogueOrderRightAfterTheGate() {
        var ids = RuleCatalogue.rules().stream().map(Rule::id).toList();

        assertThat(DoseRules.all()).extracting(Rule::id).containsExactly("DOSE-001", "DOSE-002", "DOSE-003",
                "DOSE-004", "DOSE-005", "DOSE-006", "DOSE-007", "DOSE-008", "DOSE-009", "DOSE-010");
        assertThat(DoseRules.all()).allSatisfy(rule -> {
            assertThat(rule.category()).isEqualTo(RuleCategory.DOSE);
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.reference()).isNotBlank();
        });
        assertThat(ids.subList(0, 11)).containsExactly("GATE-001", "DOSE-001", "DOSE-002", "DOSE-003", "DOSE-004",
                "DOSE-005", "DOSE-006", "DOSE-007", "DOSE-008", "DOSE-009", "DOSE-010");
    }

    @Test
    void configurableRulesDeclareTheirThresholdKeys() {
        assertThat(DoseRules.DOSE_003.thresholdKeys())
                .containsExactly(Thresholds.MAX_INITIAL_DOSE_MG, Thresholds.WARN_INITIAL_DOSE_MG);
        assertThat(DoseRules.DOSE_006.thresholdKeys()).containsExactly(Thresholds.MAX_SESSION_TOTAL_MG);
        assertThat(DoseRules.DOSE_010.thresholdKeys()).containsExactly(Thresholds.MAX_MG_PER_KG);
        assertThat(DoseRules.DOSE_001.thresholdKeys()).isEmpty();
        assertThat(DoseRules.DOSE_004.reference()).isEqualTo("Every MAPS protocol used a half-dose supplement; MDMA "
                + "inhibits its own clearance (CYP2D6), so extra doses raise exposure more than proportionally.");
        assertThat(DoseRules.DOSE_007.reference())
                .isEqualTo("Supplements were given \"unless contraindicated\"; vitals were checked first.");
    }

    @Test
    void completeExampleGivesOnlyTheDosePerKgWarning() {
        assertThat(doseOutcomes(RuleFixture.complete())).containsExactly("DOSE-010 WARNING " + INITIAL);
    }

    @Test
    void neuropathicDraftFindings() {
        assertThat(doseOutcomes(RuleFixture.draft())).containsExactly(
                "DOSE-002 WARNING " + "/dosing/saltForm",
                "DOSE-005 WARNING " + DELAY,
                "DOSE-007 WARNING " + HOLD,
                "DOSE-009 WARNING " + INTERVAL,
                "DOSE-010 WARNING " + WEIGHT);
    }

    @Test
    void missingSectionsReportEachRequiredField() {
        assertThat(doseOutcomes(RuleFixture.minimal())).containsExactly(
                "DOSE-001 ERROR " + INITIAL,
                "DOSE-002 WARNING /dosing/saltForm",
                "DOSE-008 ERROR " + SESSIONS,
                "DOSE-010 WARNING " + WEIGHT);
        assertThat(doseOutcomes(RuleFixture.complete().without("/dosing"))).containsExactly(
                "DOSE-001 ERROR " + INITIAL,
                "DOSE-002 WARNING /dosing/saltForm",
                "DOSE-008 ERROR " + SESSIONS);
    }

    // ---- DOSE-001 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "null, ERROR /dosing/initialDoseMg",
        "0, ERROR /dosing/initialDoseMg",
        "0.0, ERROR /dosing/initialDoseMg",
        "-10, ERROR /dosing/initialDoseMg",
        "0.001, -",
        "120, -"})
    void initialDoseMustBePositive(String dose, String outcome) {
        assertThat(RuleFixture.complete().with(INITIAL, dose).outcomes("DOSE-001")).isEqualTo(expected(outcome));
    }

    @Test
    void absentInitialDoseIsAnError() {
        var fixture = RuleFixture.complete().without(INITIAL);

        assertThat(fixture.outcomes("DOSE-001")).containsExactly("ERROR " + INITIAL);
        assertThat(only(fixture, "DOSE-001").message()).contains("missing").contains("initialDoseMg");
        assertThat(only(RuleFixture.complete().with(INITIAL, "-10"), "DOSE-001").message()).contains("-10 mg");
    }

    // ---- DOSE-002 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "null, WARNING /dosing/saltForm",
        "'\"HYDROCHLORIDE\"', -",
        "'\"FREE_BASE\"', -"})
    void saltFormMustBeStated(String saltForm, String outcome) {
        assertThat(RuleFixture.complete().with("/dosing/saltForm", saltForm).outcomes("DOSE-002"))
                .isEqualTo(expected(outcome));
        assertThat(RuleFixture.complete().without("/dosing/saltForm").outcomes("DOSE-002"))
                .containsExactly("WARNING /dosing/saltForm");
    }

    // ---- DOSE-003 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "100, -",
        "120, -",
        "120.0, -",
        "120.01, WARNING /dosing/initialDoseMg",
        "121, WARNING /dosing/initialDoseMg",
        "125, WARNING /dosing/initialDoseMg",
        "125.00, WARNING /dosing/initialDoseMg",
        "125.001, ERROR /dosing/initialDoseMg",
        "150, ERROR /dosing/initialDoseMg",
        "null, -",
        "-5, -"})
    void initialDoseBands(String dose, String outcome) {
        assertThat(RuleFixture.complete().with(INITIAL, dose).outcomes("DOSE-003")).isEqualTo(expected(outcome));
    }

    @Test
    void initialDoseMessagesNameTheDoseAndTheLimits() {
        var error = only(RuleFixture.complete().with(INITIAL, "150"), "DOSE-003");
        var warning = only(RuleFixture.complete().with(INITIAL, "122.50"), "DOSE-003");

        assertThat(error.message()).contains("150 mg").contains("125 mg");
        assertThat(warning.message()).contains("122.5 mg").contains("120 mg").contains("justify");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "90, -",
        "95, WARNING /dosing/initialDoseMg",
        "100, WARNING /dosing/initialDoseMg",
        "101, ERROR /dosing/initialDoseMg"})
    void initialDoseLimitsComeFromConfiguration(String dose, String outcome) {
        var stricter = thresholds("100", "90", "2.0", "180");

        assertThat(outcomes(RuleFixture.complete().with(INITIAL, dose), stricter, "DOSE-003"))
                .isEqualTo(expected(outcome));
    }

    // ---- DOSE-004 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "120, -1, ERROR /dosing/supplementalDoseMg",
        "120, -0.01, ERROR /dosing/supplementalDoseMg",
        "120, 0, -",
        "120, 60, -",
        "120, 60.00, -",
        "120, 60.01, WARNING /dosing/supplementalDoseMg",
        "120, 120, WARNING /dosing/supplementalDoseMg",
        "120, 120.01, ERROR /dosing/supplementalDoseMg",
        "120, 200, ERROR /dosing/supplementalDoseMg",
        "101, 50.5, -",
        "101, 50.51, WARNING /dosing/supplementalDoseMg",
        "120, null, -",
        "null, 500, -",
        "null, 60, -",
        "null, -1, -"})
    void supplementalDoseBands(String initial, String supplemental, String outcome) {
        var fixture = RuleFixture.complete().with(INITIAL, initial).with(SUPPLEMENTAL, supplemental);

        assertThat(fixture.outcomes("DOSE-004")).isEqualTo(expected(outcome));
    }

    @Test
    void supplementalDoseMessagesNameBothDoses() {
        var above = only(RuleFixture.complete().with(SUPPLEMENTAL, "130"), "DOSE-004");
        var overHalf = only(RuleFixture.complete().with(SUPPLEMENTAL, "80"), "DOSE-004");

        assertThat(above.message()).contains("130 mg").contains("120 mg").contains("exceeds");
        assertThat(overHalf.message()).contains("80 mg").contains("120 mg").contains("half");
        assertThat(RuleFixture.complete().without(INITIAL).with(SUPPLEMENTAL, "500").outcomes("DOSE-004")).isEmpty();
    }

    // ---- DOSE-005 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "60, 89, WARNING /dosing/supplementalDelayMinutes",
        "60, 90, -",
        "60, 120, -",
        "60, 150, -",
        "60, 151, WARNING /dosing/supplementalDelayMinutes",
        "60, 0, WARNING /dosing/supplementalDelayMinutes",
        "60, -90, WARNING /dosing/supplementalDelayMinutes",
        "60, null, WARNING /dosing/supplementalDelayMinutes",
        "0.5, null, WARNING /dosing/supplementalDelayMinutes",
        "0, null, -",
        "0, 300, -",
        "-10, 300, -",
        "null, null, -"})
    void supplementalDelayWindowWhenASupplementIsPlanned(String supplemental, String delay, String outcome) {
        var fixture = RuleFixture.complete().with(SUPPLEMENTAL, supplemental).with(DELAY, delay);

        assertThat(fixture.outcomes("DOSE-005")).isEqualTo(expected(outcome));
    }

    @Test
    void absentDelayOrSupplement() {
        assertThat(RuleFixture.complete().without(DELAY).outcomes("DOSE-005")).containsExactly("WARNING " + DELAY);
        assertThat(RuleFixture.complete().without(DELAY).without(SUPPLEMENTAL).outcomes("DOSE-005")).isEmpty();
        assertThat(only(RuleFixture.complete().with(DELAY, "200"), "DOSE-005").message())
                .contains("200 minutes").contains("90–150 minutes");
    }

    // ---- DOSE-006 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "180, 120, 60, -",
        "180.0, 120, 60, -",
        "179.99, 120, 60, ERROR /dosing/maxSessionTotalMg",
        "180.01, 120, 60, ERROR /dosing/maxSessionTotalMg",
        "250, 120, 60, ERROR /dosing/maxSessionTotalMg",
        "150, 125, 62.5, ERROR /dosing/maxSessionTotalMg",
        "null, 120, 60, -",
        "null, 120, 60.01, ERROR /dosing/maxSessionTotalMg",
        "null, 200, null, ERROR /dosing/maxSessionTotalMg",
        "100, null, 60, -",
        "50, null, 60, ERROR /dosing/maxSessionTotalMg",
        "100, 100, null, -",
        "99, 100, null, ERROR /dosing/maxSessionTotalMg",
        "null, null, null, -",
        "0, null, null, -"})
    void sessionTotalIsConsistentAndWithinTheMaximum(String stated, String initial, String supplemental,
            String outcome) {
        var fixture = RuleFixture.complete().with(MAX_TOTAL, stated).with(INITIAL, initial)
                .with(SUPPLEMENTAL, supplemental);

        assertThat(fixture.outcomes("DOSE-006")).isEqualTo(expected(outcome));
    }

    @Test
    void sessionTotalGivesAtMostOneFindingAndSaysWhich() {
        var inconsistentAndHigh = RuleFixture.complete().with(MAX_TOTAL, "150").with(INITIAL, "125")
                .with(SUPPLEMENTAL, "62.5");
        var tooHigh = only(RuleFixture.complete().with(MAX_TOTAL, "200"), "DOSE-006");
        var unstatedTooHigh = only(RuleFixture.complete().without(MAX_TOTAL).with(SUPPLEMENTAL, "70"), "DOSE-006");

        assertThat(only(inconsistentAndHigh, "DOSE-006").message()).contains("150 mg").contains("187.5 mg")
                .contains("less than");
        assertThat(tooHigh.message()).contains("200 mg").contains("180 mg");
        assertThat(unstatedTooHigh.message()).contains("190 mg").contains("180 mg");
        assertThat(RuleFixture.complete().without(MAX_TOTAL).outcomes("DOSE-006")).isEmpty();
    }

    @Test
    void sessionTotalLimitComesFromConfiguration() {
        var stricter = thresholds("125", "120", "2.0", "150");

        assertThat(outcomes(RuleFixture.complete(), stricter, "DOSE-006")).containsExactly("ERROR " + MAX_TOTAL);
        assertThat(outcomes(RuleFixture.complete().with(MAX_TOTAL, "150").with(SUPPLEMENTAL, "30"), stricter,
                "DOSE-006")).isEmpty();
    }

    // ---- DOSE-007 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "60, null, WARNING /dosing/supplementalHoldCriteria",
        "60, '[]', WARNING /dosing/supplementalHoldCriteria",
        "60, '[\"\", \"   \"]', WARNING /dosing/supplementalHoldCriteria",
        "60, '[\"\", \"Participant declines\"]', -",
        "0, null, -",
        "null, null, -"})
    void plannedSupplementNeedsHoldCriteria(String supplemental, String criteria, String outcome) {
        var fixture = RuleFixture.complete().with(SUPPLEMENTAL, supplemental).with(HOLD, criteria);

        assertThat(fixture.outcomes("DOSE-007")).isEqualTo(expected(outcome));
        assertThat(RuleFixture.complete().without(HOLD).outcomes("DOSE-007")).containsExactly("WARNING " + HOLD);
    }

    // ---- DOSE-008 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "null, ERROR /dosing/sessionCount",
        "-1, ERROR /dosing/sessionCount",
        "0, ERROR /dosing/sessionCount",
        "1, -",
        "3, -",
        "4, WARNING /dosing/sessionCount",
        "2147483647, WARNING /dosing/sessionCount"})
    void sessionCountBands(String sessions, String outcome) {
        assertThat(RuleFixture.complete().with(SESSIONS, sessions).outcomes("DOSE-008"))
                .isEqualTo(expected(outcome));
        assertThat(RuleFixture.complete().without(SESSIONS).outcomes("DOSE-008")).containsExactly("ERROR " + SESSIONS);
    }

    // ---- DOSE-009 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "3, null, ERROR /dosing/minIntervalDays",
        "3, -7, ERROR /dosing/minIntervalDays",
        "3, 0, ERROR /dosing/minIntervalDays",
        "3, 6, ERROR /dosing/minIntervalDays",
        "3, 7, WARNING /dosing/minIntervalDays",
        "2, 20, WARNING /dosing/minIntervalDays",
        "2, 21, -",
        "3, 28, -",
        "1, null, -",
        "1, 3, -",
        "0, 3, -",
        "null, 3, -"})
    void intervalBetweenSessionsBands(String sessions, String interval, String outcome) {
        var fixture = RuleFixture.complete().with(SESSIONS, sessions).with(INTERVAL, interval);

        assertThat(fixture.outcomes("DOSE-009")).isEqualTo(expected(outcome));
    }

    @Test
    void absentIntervalWithSeveralSessionsIsAnError() {
        assertThat(RuleFixture.complete().without(INTERVAL).outcomes("DOSE-009")).containsExactly("ERROR " + INTERVAL);
        assertThat(only(RuleFixture.complete().with(INTERVAL, "14"), "DOSE-009").message())
                .contains("14 days").contains("21 days");
    }

    // ---- DOSE-010 ----

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "null, 120, WARNING /eligibility/minWeightKg",
        "0, 120, WARNING /eligibility/minWeightKg",
        "-50, 120, WARNING /eligibility/minWeightKg",
        "0, null, WARNING /eligibility/minWeightKg",
        "60, 120, -",
        "60.0, 120, -",
        "59.99, 120, WARNING /dosing/initialDoseMg",
        "48, 120, WARNING /dosing/initialDoseMg",
        "50, 100, -",
        "50, 100.01, WARNING /dosing/initialDoseMg",
        "10, 0, -",
        "10, -30, -",
        "10, null, -",
        "3, 10, WARNING /dosing/initialDoseMg"})
    void dosePerKgOfTheLightestParticipant(String weight, String dose, String outcome) {
        var fixture = RuleFixture.complete().with(WEIGHT, weight).with(INITIAL, dose);

        assertThat(fixture.outcomes("DOSE-010")).isEqualTo(expected(outcome));
    }

    @Test
    void dosePerKgMessagesNameTheValuesAndTheLimit() {
        var perKg = only(RuleFixture.complete(), "DOSE-010");
        var noWeight = only(RuleFixture.complete().without(WEIGHT), "DOSE-010");

        assertThat(perKg.message()).contains("120 mg").contains("2.5 mg/kg").contains("48 kg")
                .contains("2 mg/kg");
        assertThat(noWeight.path()).isEqualTo(WEIGHT);
        assertThat(noWeight.message()).contains("minWeightKg").contains("missing");
        assertThat(only(RuleFixture.complete().with(WEIGHT, "36"), "DOSE-010").message()).contains("3.34 mg/kg");
    }

    @Test
    void dosePerKgLimitComesFromConfiguration() {
        assertThat(outcomes(RuleFixture.complete(), thresholds("125", "120", "2.5", "180"), "DOSE-010")).isEmpty();
        assertThat(outcomes(RuleFixture.complete().with(WEIGHT, "60"), thresholds("125", "120", "1.5", "180"),
                "DOSE-010")).containsExactly("WARNING " + INITIAL);
    }

    // ---- robustness ----

    @ParameterizedTest
    @ValueSource(strings = {"1e1000", "-1e1000", "9.99e999", "1e-1000", "-1e-1000",
        "123456789012345678901234567890.123456789", "0.000000000000000000000000001", "0"})
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void absurdNumbersNeverBreakTheChecks(String number) {
        for (var other : List.of("120", "1e-1000", "1e1000", "-60")) {
            var fixture = RuleFixture.complete()
                    .with(INITIAL, number).with(SUPPLEMENTAL, other).with(MAX_TOTAL, number).with(WEIGHT, other);
            var swapped = RuleFixture.complete()
                    .with(INITIAL, other).with(SUPPLEMENTAL, number).with(MAX_TOTAL, other).with(WEIGHT, number);

            assertThatCode(fixture::validate).doesNotThrowAnyException();
            assertThatCode(swapped::validate).doesNotThrowAnyException();
        }
    }

    @Test
    void absurdNumbersStillGetTheRightBand() {
        var hugeDose = RuleFixture.complete().with(INITIAL, "1e1000");
        var tinyWeight = RuleFixture.complete().with(WEIGHT, "1e-1000");
        var tinyDose = RuleFixture.complete().with(INITIAL, "1e-1000");

        assertThat(hugeDose.outcomes("DOSE-003")).containsExactly("ERROR " + INITIAL);
        assertThat(hugeDose.outcomes("DOSE-010")).containsExactly("WARNING " + INITIAL);
        assertThat(hugeDose.outcomes("DOSE-006")).containsExactly("ERROR " + MAX_TOTAL);
        assertThat(only(hugeDose, "DOSE-003").message()).contains("1E+1000 mg");
        assertThat(tinyWeight.outcomes("DOSE-010")).containsExactly("WARNING " + INITIAL);
        assertThat(tinyDose.outcomes("DOSE-010")).isEmpty();
        assertThat(tinyDose.outcomes("DOSE-001")).isEmpty();
        assertThat(tinyDose.outcomes("DOSE-004")).containsExactly("ERROR " + SUPPLEMENTAL);
    }
}
