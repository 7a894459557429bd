package org.protocolregistry.validation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.validation.Finding;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

class SafetyMonitoringRulesTest {

    private static final String VITALS = "/safetyMonitoring/vitalSigns";
    private static final String LIMITS = VITALS + "/thresholds";
    private static final String AE = "/safetyMonitoring/adverseEvents";
    private static final String EXPEDITED = AE + "/expeditedReporting";
    private static final String DMC = "/safetyMonitoring/dataMonitoringCommittee";

    // ---- The examples ----

    @Test
    void completeExampleHasNoFindingOfTheseRules() {
        assertThat(ownFindings(RuleFixture.complete())).isEmpty();
    }

    @Test
    void neuropathicDraftHasExactlyTheseFindings() {
        // No safetyMonitoring section; a 50 mg supplement is planned; jurisdiction CA; EARLY_PHASE_1, NOT_APPLICABLE.
        assertThat(ownFindings(RuleFixture.draft())).containsExactly(
                "MON-001 ERROR /safetyMonitoring/vitalSigns/measures",
                "MON-002 ERROR /safetyMonitoring/vitalSigns/timepoints",
                "MON-002 ERROR /safetyMonitoring/vitalSigns/intervalMinutesDuringPeak",
                "MON-003 ERROR /safetyMonitoring/vitalSigns/thresholds/systolicMmHg",
                "MON-003 ERROR /safetyMonitoring/vitalSigns/thresholds/diastolicMmHg",
                "MON-003 ERROR /safetyMonitoring/vitalSigns/thresholds/heartRateBpm",
                "MON-003 ERROR /safetyMonitoring/vitalSigns/thresholds/temperatureC",
                "MON-005 ERROR /safetyMonitoring/ecg/baselineTwelveLead",
                "MON-006 WARNING /safetyMonitoring/ecg/qtcExclusionMs",
                "MON-007 ERROR /safetyMonitoring/suicidality/instrument",
                "MON-007 ERROR /safetyMonitoring/suicidality/timepoints",
                "MON-009 ERROR /safetyMonitoring/adverseEvents/systematicCollection",
                "MON-009 ERROR /safetyMonitoring/adverseEvents/coding",
                "MON-009 ERROR /safetyMonitoring/adverseEvents/severityGrading",
                "MON-009 ERROR /safetyMonitoring/adverseEvents/causalityAssessment",
                "MON-010 WARNING /safetyMonitoring/adverseEvents/specialInterest",
                "MON-012 INFO /safetyMonitoring/dataMonitoringCommittee",
                "MON-013 ERROR /safetyMonitoring/stoppingRules/participant",
                "MON-014 WARNING /safetyMonitoring/stoppingRules/trial",
                "MON-015 ERROR /safetyMonitoring/pregnancyTesting");
        assertThat(RuleFixture.draft().findings("MON-002").get(0).message())
                .contains("PRE_DOSE, END_OF_SESSION and PRE_SUPPLEMENTAL");
    }

    @Test
    void missingSectionsReportEachFieldWithoutCrashing() {
        // Minimal: no supplement planned, no US jurisdiction, no phase or allocation.
        assertThat(ownFindings(RuleFixture.minimal())).containsExactly(
                "MON-001 ERROR /safetyMonitoring/vitalSigns/measures",
                "MON-002 ERROR /safetyMonitoring/vitalSigns/timepoints",
                "MON-002 ERROR /safetyMonitoring/vitalSigns/intervalMinutesDuringPeak",
                "MON-003 ERROR /safetyMonitoring/vitalSigns/thresholds/systolicMmHg",
                "MON-003 ERROR /safetyMonitoring/vitalSigns/thresholds/diastolicMmHg",
                "MON-003 ERROR /safetyMonitoring/vitalSigns/thresholds/heartRateBpm",
                "MON-003 ERROR /safetyMonitoring/vitalSigns/thresholds/temperatureC",
                "MON-005 ERROR /safetyMonitoring/ecg/baselineTwelveLead",
                "MON-006 WARNING /safetyMonitoring/ecg/qtcExclusionMs",
                "MON-007 ERROR /safetyMonitoring/suicidality/instrument",
                "MON-007 ERROR /safetyMonitoring/suicidality/timepoints",
                "MON-009 ERROR /safetyMonitoring/adverseEvents/systematicCollection",
                "MON-009 ERROR /safetyMonitoring/adverseEvents/coding",
                "MON-009 ERROR /safetyMonitoring/adverseEvents/severityGrading",
                "MON-009 ERROR /safetyMonitoring/adverseEvents/causalityAssessment",
                "MON-010 WARNING /safetyMonitoring/adverseEvents/specialInterest",
                "MON-012 INFO /safetyMonitoring/dataMonitoringCommittee",
                "MON-013 ERROR /safetyMonitoring/stoppingRules/participant",
                "MON-014 WARNING /safetyMonitoring/stoppingRules/trial",
                "MON-015 ERROR /safetyMonitoring/pregnancyTesting");
        assertThat(RuleFixture.minimal().findings("MON-002").get(0).message())
                .contains("PRE_DOSE and END_OF_SESSION").doesNotContain("PRE_SUPPLEMENTAL");
    }

    @Test
    void missingSafetyMonitoringSectionInTheCompleteExampleTriggersMon011ForUsTrials() {
        assertThat(RuleFixture.complete().without("/safetyMonitoring").outcomes("MON-011")).containsExactly(
                "ERROR " + EXPEDITED + "/seriousUnexpectedDays",
                "ERROR " + EXPEDITED + "/fatalOrLifeThreateningDays");
    }

    @Test
    void rulesAreListedInCatalogueOrderWithTheirMetadata() {
        var rules = SafetyMonitoringRules.all();

        assertThat(rules).extracting(Rule::id).containsExactly("MON-001", "MON-002", "MON-003", "MON-004",
                "MON-005", "MON-006", "MON-007", "MON-008", "MON-009", "MON-010", "MON-011", "MON-012", "MON-013",
                "MON-014", "MON-015");
        assertThat(rules).extracting(Rule::category).containsOnly(RuleCategory.SAFETY_MONITORING);
        assertThat(SafetyMonitoringRules.MON_004.thresholdKeys()).containsExactly(Thresholds.MAX_SYSTOLIC_MMHG,
                Thresholds.MAX_DIASTOLIC_MMHG, Thresholds.MAX_HEART_RATE_BPM, Thresholds.MAX_TEMPERATURE_C);
        assertThat(rules).filteredOn(r -> r != SafetyMonitoringRules.MON_004)
                .allSatisfy(r -> assertThat(r.thresholdKeys()).isEmpty());
        assertThat(SafetyMonitoringRules.MON_012.severities())
                .containsExactlyInAnyOrder(Severity.ERROR, Severity.WARNING, Severity.INFO);
        assertThat(SafetyMonitoringRules.MON_010.reference())
                .isEqualTo("The signals raised at the 2024 FDA advisory committee and in the literature.");
        assertThat(SafetyMonitoringRules.MON_011.reference()).isEqualTo("21 CFR 312.32 IND safety reporting.");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.title()).isNotBlank();
            assertThat(r.description()).isNotBlank();
        });
        assertThat(RuleCatalogue.rules()).containsSubsequence(rules);
        assertThat(RuleCatalogue.rules()).containsSubsequence(SupervisionRules.PSY_001, SafetyMonitoringRules.MON_001);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "MON-001 | ERROR                | MAPP trials monitored all three.",
        "MON-002 | ERROR                | Heart rate and blood pressure peak 1–2 h after dosing.",
        "MON-003 | ERROR                | A stop rule needs numbers (SPIRIT item 11b).",
        "MON-004 | WARNING              | Conservative action limits for a sympathomimetic.",
        "MON-005 | ERROR                | MAPP1 excluded marked QT/QTc prolongation, which needs a baseline ECG.",
        "MON-006 | WARNING              | A stated QTc cut-off makes the exclusion checkable.",
        "MON-007 | ERROR                | Suicidality was tracked with the C-SSRS throughout both phase 3 trials.",
        "MON-008 | WARNING              | The C-SSRS is the validated standard.",
        "MON-009 | ERROR                | SPIRIT 2013 item 22: how harms are collected, graded and attributed.",
        "MON-010 | WARNING              | The signals raised at the 2024 FDA advisory committee and in the literature.",
        "MON-011 | ERROR                | 21 CFR 312.32 IND safety reporting.",
        "MON-012 | ERROR,WARNING,INFO   | SPIRIT item 21a; MAPP2 had an independent DMC.",
        "MON-013 | ERROR                | SPIRIT item 11b.",
        "MON-014 | WARNING              | SPIRIT item 21b; missing from about half of submitted protocols.",
        "MON-015 | ERROR                | MAPP tested before every dosing session."})
    void eachRuleHasItsSeveritiesAndVerbatimReference(String id, String severities, String reference) {
        var rule = SafetyMonitoringRules.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        var expected = Arrays.stream(severities.split(",")).map(Severity::valueOf).toList();

        assertThat(rule.severities()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rule.reference()).isEqualTo(reference);
    }

    // ---- MON-001 ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[\"HEART_RATE\",\"BODY_TEMPERATURE\"]     | BLOOD_PRESSURE",
        "[\"BLOOD_PRESSURE\",\"BODY_TEMPERATURE\"] | HEART_RATE",
        "[\"BLOOD_PRESSURE\",\"HEART_RATE\"]       | BODY_TEMPERATURE",
        "[\"HEART_RATE\"]                          | BLOOD_PRESSURE and BODY_TEMPERATURE",
        "[]                                        | BLOOD_PRESSURE, HEART_RATE and BODY_TEMPERATURE",
        "null                                      | BLOOD_PRESSURE, HEART_RATE and BODY_TEMPERATURE"})
    void measuresLackingAnyVitalSignIsOneErrorNamingThemAll(String measures, String named) {
        var fixture = RuleFixture.complete().with(VITALS + "/measures", measures);

        assertThat(fixture.outcomes("MON-001")).containsExactly("ERROR " + VITALS + "/measures");
        assertThat(fixture.findings("MON-001").get(0).message()).contains("lack " + named + ";");
    }

    // ---- MON-002 ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "60   | [\"PRE_DOSE\",\"PRE_SUPPLEMENTAL\",\"END_OF_SESSION\"] | ''",
        "60   | [\"PRE_DOSE\",\"END_OF_SESSION\"]                      | PRE_SUPPLEMENTAL",
        "0.5  | [\"PRE_DOSE\",\"END_OF_SESSION\"]                      | PRE_SUPPLEMENTAL",
        "0    | [\"PRE_DOSE\",\"END_OF_SESSION\"]                      | ''",
        "-10  | [\"PRE_DOSE\",\"END_OF_SESSION\"]                      | ''",
        "null | [\"PRE_DOSE\",\"END_OF_SESSION\"]                      | ''",
        "null | [\"PRE_SUPPLEMENTAL\"]                                 | PRE_DOSE and END_OF_SESSION",
        "60   | [\"END_OF_SESSION\"]                                   | PRE_DOSE and PRE_SUPPLEMENTAL",
        "60   | []                                   | PRE_DOSE, END_OF_SESSION and PRE_SUPPLEMENTAL"})
    void timepointsDependOnAPlannedSupplement(String supplementalDose, String timepoints, String named) {
        var fixture = RuleFixture.complete()
                .with("/dosing/supplementalDoseMg", supplementalDose)
                .with(VITALS + "/timepoints", timepoints);

        if (named.isEmpty()) {
            assertThat(fixture.outcomes("MON-002")).isEmpty();
        } else {
            assertThat(fixture.outcomes("MON-002")).containsExactly("ERROR " + VITALS + "/timepoints");
            assertThat(fixture.findings("MON-002").get(0).message()).contains("lack " + named + ";");
        }
    }

    @ParameterizedTest
    @CsvSource({"1, false", "60, false", "61, true", "null, true"})
    void peakIntervalMissingOrOverAnHourIsAnError(String interval, boolean fires) {
        var fixture = RuleFixture.complete().with(VITALS + "/intervalMinutesDuringPeak", interval);

        assertThat(fixture.outcomes("MON-002"))
                .isEqualTo(fires ? List.of("ERROR " + VITALS + "/intervalMinutesDuringPeak") : List.of());
    }

    @Test
    void timepointsComeBeforeTheInterval() {
        var fixture = RuleFixture.complete()
                .with(VITALS + "/timepoints", "[\"PRE_DOSE\"]")
                .with(VITALS + "/intervalMinutesDuringPeak", "90");

        assertThat(fixture.outcomes("MON-002")).containsExactly(
                "ERROR " + VITALS + "/timepoints", "ERROR " + VITALS + "/intervalMinutesDuringPeak");
        assertThat(fixture.findings("MON-002").get(1).message()).contains("every 90 minutes").contains("60 minutes");
    }

    // ---- MON-003 ----

    @ParameterizedTest
    @ValueSource(strings = {"systolicMmHg", "diastolicMmHg", "heartRateBpm", "temperatureC"})
    void eachMissingThresholdIsItsOwnError(String field) {
        assertThat(RuleFixture.complete().without(LIMITS + "/" + field).outcomes("MON-003"))
                .containsExactly("ERROR " + LIMITS + "/" + field);
        assertThat(RuleFixture.complete().with(LIMITS + "/" + field, "null").outcomes("MON-003"))
                .containsExactly("ERROR " + LIMITS + "/" + field);
    }

    @Test
    void noThresholdsObjectGivesFourErrorsInCatalogueOrder() {
        assertThat(RuleFixture.complete().without(LIMITS).outcomes("MON-003")).containsExactly(
                "ERROR " + LIMITS + "/systolicMmHg", "ERROR " + LIMITS + "/diastolicMmHg",
                "ERROR " + LIMITS + "/heartRateBpm", "ERROR " + LIMITS + "/temperatureC");
        assertThat(RuleFixture.complete().without(LIMITS).outcomes("MON-004")).isEmpty();
    }

    // ---- MON-004 ----

    @ParameterizedTest
    @CsvSource({
        "systolicMmHg, 160, false",
        "systolicMmHg, 160.01, true",
        "systolicMmHg, 0, false",
        "diastolicMmHg, 110, false",
        "diastolicMmHg, 111, true",
        "heartRateBpm, 110.0, false",
        "heartRateBpm, 110.5, true",
        "temperatureC, 38.5, false",
        "temperatureC, 38.50, false",
        "temperatureC, 38.6, true"})
    void thresholdsAboveTheDefaultsAreAWarning(String field, String value, boolean fires) {
        var fixture = RuleFixture.complete().with(LIMITS + "/" + field, value);

        assertThat(fixture.outcomes("MON-004"))
                .isEqualTo(fires ? List.of("WARNING " + LIMITS + "/" + field) : List.of());
    }

    @Test
    void everyLooseThresholdIsItsOwnWarningNamingValueAndLimit() {
        var fixture = RuleFixture.complete()
                .with(LIMITS + "/systolicMmHg", "180")
                .with(LIMITS + "/diastolicMmHg", "120")
                .with(LIMITS + "/heartRateBpm", "130")
                .with(LIMITS + "/temperatureC", "39.0");

        assertThat(fixture.outcomes("MON-004")).containsExactly(
                "WARNING " + LIMITS + "/systolicMmHg", "WARNING " + LIMITS + "/diastolicMmHg",
                "WARNING " + LIMITS + "/heartRateBpm", "WARNING " + LIMITS + "/temperatureC");
        var messages = fixture.findings("MON-004").stream().map(Finding::message).toList();
        assertThat(messages.get(0)).contains("180 mmHg").contains("160 mmHg");
        assertThat(messages.get(3)).contains("39 °C").contains("38.5 °C");
    }

    @Test
    void limitsComeFromTheThresholds() {
        var stricter = new Thresholds(bd("125"), bd("120"), bd("2.0"), bd("180"), 15, 2,
                bd("150"), bd("100"), bd("100"), bd("38.0"));
        var outcomes = RuleFixture.complete().validate(stricter).findings().stream()
                .filter(f -> f.ruleId().equals("MON-004")).map(f -> f.severity() + " " + f.path()).toList();

        // The complete example states 160 / 110 / 110 / 38.0: the first three exceed the stricter limits.
        assertThat(outcomes).containsExactly("WARNING " + LIMITS + "/systolicMmHg",
                "WARNING " + LIMITS + "/diastolicMmHg", "WARNING " + LIMITS + "/heartRateBpm");
    }

    // ---- MON-005 ----

    @ParameterizedTest
    @ValueSource(strings = {"false", "null"})
    void noBaselineEcgIsAnError(String value) {
        assertThat(RuleFixture.complete().with("/safetyMonitoring/ecg/baselineTwelveLead", value).outcomes("MON-005"))
                .containsExactly("ERROR /safetyMonitoring/ecg/baselineTwelveLead");
        assertThat(RuleFixture.complete().without("/safetyMonitoring/ecg").outcomes("MON-005"))
                .containsExactly("ERROR /safetyMonitoring/ecg/baselineTwelveLead");
    }

    // ---- MON-006 ----

    @ParameterizedTest
    @CsvSource({"0, false", "450, false", "470, false", "471, true", "null, true"})
    void qtcCutOffMissingOrOver470IsAWarning(String qtc, boolean fires) {
        var fixture = RuleFixture.complete().with("/safetyMonitoring/ecg/qtcExclusionMs", qtc);

        assertThat(fixture.outcomes("MON-006"))
                .isEqualTo(fires ? List.of("WARNING /safetyMonitoring/ecg/qtcExclusionMs") : List.of());
    }

    @Test
    void qtcMessageNamesValueAndLimit() {
        var finding = RuleFixture.complete().with("/safetyMonitoring/ecg/qtcExclusionMs", "500").findings("MON-006");

        assertThat(finding).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("500 ms").contains("470 ms"));
    }

    // ---- MON-007 and MON-008 ----

    @ParameterizedTest
    @CsvSource({
        "C_SSRS, '', ''",
        "PHQ9_ITEM9, '', WARNING",
        "OTHER, '', WARNING",
        "NONE, ERROR, ''",
        "null, ERROR, ''"})
    void instrumentBandsBetweenMon007AndMon008(String instrument, String mon007, String mon008) {
        var value = instrument.equals("null") ? "null" : "\"" + instrument + "\"";
        var fixture = RuleFixture.complete().with("/safetyMonitoring/suicidality/instrument", value);
        var path = " /safetyMonitoring/suicidality/instrument";

        assertThat(fixture.outcomes("MON-007")).isEqualTo(mon007.isEmpty() ? List.of() : List.of(mon007 + path));
        assertThat(fixture.outcomes("MON-008")).isEqualTo(mon008.isEmpty() ? List.of() : List.of(mon008 + path));
    }

    @Test
    void absentInstrumentIsMon007Only() {
        var fixture = RuleFixture.complete().without("/safetyMonitoring/suicidality/instrument");

        assertThat(fixture.outcomes("MON-007")).containsExactly("ERROR /safetyMonitoring/suicidality/instrument");
        assertThat(fixture.outcomes("MON-008")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[\"AFTER_EACH_SESSION\",\"FOLLOW_UP\"] | BASELINE",
        "[\"BASELINE\",\"FOLLOW_UP\"]           | AFTER_EACH_SESSION",
        "[\"BASELINE\",\"AFTER_EACH_SESSION\"]  | FOLLOW_UP",
        "[\"BASELINE\"]                         | AFTER_EACH_SESSION and FOLLOW_UP",
        "[]                                     | BASELINE, AFTER_EACH_SESSION and FOLLOW_UP"})
    void suicidalityTimepointsLackingAnyIsOneErrorNamingThemAll(String timepoints, String named) {
        var fixture = RuleFixture.complete().with("/safetyMonitoring/suicidality/timepoints", timepoints);

        assertThat(fixture.outcomes("MON-007")).containsExactly("ERROR /safetyMonitoring/suicidality/timepoints");
        assertThat(fixture.findings("MON-007").get(0).message()).contains("lack " + named + ";");
    }

    @Test
    void instrumentComesBeforeTimepoints() {
        var fixture = RuleFixture.complete().with("/safetyMonitoring/suicidality", "{\"instrument\":\"NONE\"}");

        assertThat(fixture.outcomes("MON-007")).containsExactly(
                "ERROR /safetyMonitoring/suicidality/instrument", "ERROR /safetyMonitoring/suicidality/timepoints");
    }

    // ---- MON-009 ----

    @ParameterizedTest
    @CsvSource({
        "systematicCollection, false",
        "systematicCollection, null",
        "coding, '\"NONE\"'",
        "coding, null",
        "severityGrading, '\"NONE\"'",
        "severityGrading, null",
        "causalityAssessment, false",
        "causalityAssessment, null"})
    void eachAdverseEventGapIsItsOwnError(String field, String value) {
        assertThat(RuleFixture.complete().with(AE + "/" + field, value).outcomes("MON-009"))
                .containsExactly("ERROR " + AE + "/" + field);
    }

    @ParameterizedTest
    @CsvSource({"coding, OTHER", "severityGrading, OTHER", "severityGrading, MILD_MODERATE_SEVERE"})
    void anyStatedCodingOrGradingPasses(String field, String code) {
        assertThat(RuleFixture.complete().with(AE + "/" + field, "\"" + code + "\"").outcomes("MON-009")).isEmpty();
    }

    @Test
    void emptyAdverseEventsObjectGivesFourErrorsInCatalogueOrder() {
        assertThat(RuleFixture.complete().with(AE, "{}").outcomes("MON-009")).containsExactly(
                "ERROR " + AE + "/systematicCollection", "ERROR " + AE + "/coding",
                "ERROR " + AE + "/severityGrading", "ERROR " + AE + "/causalityAssessment");
    }

    // ---- MON-010 ----

    @Test
    void specialInterestLackingSeveralIsOneWarningNamingThemAll() {
        var fixture = RuleFixture.complete()
                .with(AE + "/specialInterest", "[\"CARDIOVASCULAR\",\"SUICIDALITY\",\"PSYCHOSIS_MANIA\"]");

        assertThat(fixture.outcomes("MON-010")).containsExactly("WARNING " + AE + "/specialInterest");
        assertThat(fixture.findings("MON-010").get(0).message())
                .contains("lack ABUSE_MISUSE, HYPONATREMIA and HYPERTHERMIA;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABUSE_MISUSE", "CARDIOVASCULAR", "SUICIDALITY", "PSYCHOSIS_MANIA", "HYPONATREMIA",
        "HYPERTHERMIA"})
    void lackingAnyOneSpecialInterestIsAWarning(String code) {
        var all = List.of("ABUSE_MISUSE", "CARDIOVASCULAR", "SUICIDALITY", "PSYCHOSIS_MANIA", "HYPONATREMIA",
                "HYPERTHERMIA");
        var others = all.stream().filter(c -> !c.equals(code)).map(c -> "\"" + c + "\"").toList();
        var fixture = RuleFixture.complete().with(AE + "/specialInterest", "[" + String.join(",", others) + "]");

        assertThat(fixture.outcomes("MON-010")).containsExactly("WARNING " + AE + "/specialInterest");
        assertThat(fixture.findings("MON-010").get(0).message()).contains("lack " + code + ";");
    }

    // ---- MON-011 ----

    @ParameterizedTest
    @CsvSource({
        "seriousUnexpectedDays, 15, false",
        "seriousUnexpectedDays, 1, false",
        "seriousUnexpectedDays, 16, true",
        "seriousUnexpectedDays, null, true",
        "fatalOrLifeThreateningDays, 7, false",
        "fatalOrLifeThreateningDays, 8, true",
        "fatalOrLifeThreateningDays, null, true"})
    void usDeadlinesMissingOrTooLateAreErrors(String field, String days, boolean fires) {
        var fixture = RuleFixture.complete().with(EXPEDITED + "/" + field, days);

        assertThat(fixture.outcomes("MON-011"))
                .isEqualTo(fires ? List.of("ERROR " + EXPEDITED + "/" + field) : List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"CA\"]", "[\"us\"]", "[]", "null"})
    void onlyAUsJurisdictionSwitchesMon011On(String jurisdictions) {
        var fixture = RuleFixture.complete()
                .with("/regulatory/jurisdictions", jurisdictions)
                .with("/registration/countries", "[\"US\"]")
                .without(EXPEDITED);

        assertThat(fixture.outcomes("MON-011")).isEmpty();
    }

    @Test
    void usRulesApplyWithOtherJurisdictionsToo() {
        var fixture = RuleFixture.complete()
                .with("/regulatory/jurisdictions", "[\"CA\",\"US\"]")
                .with(EXPEDITED, "{\"seriousUnexpectedDays\":30,\"fatalOrLifeThreateningDays\":10}");

        assertThat(fixture.outcomes("MON-011")).containsExactly(
                "ERROR " + EXPEDITED + "/seriousUnexpectedDays", "ERROR " + EXPEDITED + "/fatalOrLifeThreateningDays");
        var messages = fixture.findings("MON-011").stream().map(Finding::message).toList();
        assertThat(messages.get(0)).contains("30 days").contains("15-day");
        assertThat(messages.get(1)).contains("10 days").contains("7-day");
    }

    // ---- MON-012 ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PHASE_3     | RANDOMIZED     | ERROR",
        "PHASE_2_3   | NON_RANDOMIZED | ERROR",
        "PHASE_3     | null           | ERROR",
        "PHASE_2     | RANDOMIZED     | WARNING",
        "null        | RANDOMIZED     | WARNING",
        "PHASE_2     | NON_RANDOMIZED | INFO",
        "PHASE_4     | NOT_APPLICABLE | INFO",
        "null        | null           | INFO"})
    void noCommitteeAndNoJustificationIsOneFindingBandedByDesign(String phase, String allocation, String severity) {
        var fixture = RuleFixture.complete()
                .with("/registration/phase", phase.equals("null") ? "null" : "\"" + phase + "\"")
                .with("/registration/allocation", allocation.equals("null") ? "null" : "\"" + allocation + "\"")
                .with(DMC, "{\"exists\":false,\"justificationIfNone\":null}");

        assertThat(fixture.outcomes("MON-012")).containsExactly(severity + " " + DMC);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"exists\":false}                                                         | true",
        "{\"exists\":null,\"justificationIfNone\":\"  \"}                           | true",
        "{}                                                                         | true",
        "{\"exists\":false,\"justificationIfNone\":\"Single-site pilot of 12 participants\"} | false",
        "{\"exists\":false,\"independent\":false,\"charter\":false,\"justificationIfNone\":\"Pilot\"} | false"})
    void aJustificationStandsInForACommittee(String committee, boolean fires) {
        var fixture = RuleFixture.complete().with(DMC, committee);

        assertThat(fixture.outcomes("MON-012")).isEqualTo(fires ? List.of("WARNING " + DMC) : List.of());
    }

    @Test
    void absentCommitteeIsTreatedAsNone() {
        var finding = RuleFixture.complete().without(DMC).findings("MON-012");

        // The complete example is a randomized phase 2 trial.
        assertThat(finding).extracting(Finding::severity, Finding::path)
                .containsExactly(Tuple.tuple(Severity.WARNING, DMC));
        assertThat(finding.get(0).message()).contains("randomized").contains("justificationIfNone");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "true  | true  | ''",
        "false | true  | WARNING /safetyMonitoring/dataMonitoringCommittee/independent",
        "null  | true  | WARNING /safetyMonitoring/dataMonitoringCommittee/independent",
        "true  | false | WARNING /safetyMonitoring/dataMonitoringCommittee/charter",
        "true  | null  | WARNING /safetyMonitoring/dataMonitoringCommittee/charter"})
    void anExistingCommitteeMustBeIndependentWithACharter(String independent, String charter, String expected) {
        var fixture = RuleFixture.complete()
                .with(DMC + "/independent", independent)
                .with(DMC + "/charter", charter);

        assertThat(fixture.outcomes("MON-012")).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
    }

    @Test
    void committeeWithNeitherGivesTwoWarningsInOrderEvenInPhase3() {
        var fixture = RuleFixture.complete()
                .with("/registration/phase", "\"PHASE_3\"")
                .with(DMC, "{\"exists\":true}");

        assertThat(fixture.outcomes("MON-012")).containsExactly("WARNING " + DMC + "/independent",
                "WARNING " + DMC + "/charter");
    }

    // ---- MON-013 and MON-014 ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "participant | ERROR",
        "trial       | WARNING"})
    void stoppingRulesWithoutANonBlankEntryAreMissing(String field, String severity) {
        var rule = field.equals("participant") ? "MON-013" : "MON-014";
        var path = "/safetyMonitoring/stoppingRules/" + field;
        var expected = List.of(severity + " " + path);

        assertThat(RuleFixture.complete().with(path, "[]").outcomes(rule)).isEqualTo(expected);
        assertThat(RuleFixture.complete().with(path, "[\"\",\"  \"]").outcomes(rule)).isEqualTo(expected);
        assertThat(RuleFixture.complete().with(path, "null").outcomes(rule)).isEqualTo(expected);
        assertThat(RuleFixture.complete().without(path).outcomes(rule)).isEqualTo(expected);
        assertThat(RuleFixture.complete().with(path, "[\" \",\"Serious adverse event\"]").outcomes(rule)).isEmpty();
    }

    // ---- MON-015 ----

    @ParameterizedTest
    @ValueSource(strings = {"\"SCREENING_ONLY\"", "\"NONE\"", "null"})
    void pregnancyTestingOtherThanBeforeEachSessionIsAnError(String value) {
        assertThat(RuleFixture.complete().with("/safetyMonitoring/pregnancyTesting", value).outcomes("MON-015"))
                .containsExactly("ERROR /safetyMonitoring/pregnancyTesting");
    }

    @Test
    void pregnancyTestingMessageNamesTheValue() {
        var finding = RuleFixture.complete().with("/safetyMonitoring/pregnancyTesting", "\"SCREENING_ONLY\"")
                .findings("MON-015");

        assertThat(finding).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("SCREENING_ONLY").contains("BEFORE_EACH_SESSION"));
    }

    // ---- Robustness ----

    @Test
    void extremeValuesNeverThrow() {
        var fixture = RuleFixture.complete()
                .with("/dosing/supplementalDoseMg", "1e400")
                .with(VITALS + "/intervalMinutesDuringPeak", "-2147483648")
                .with(LIMITS + "/systolicMmHg", "1e308")
                .with(LIMITS + "/diastolicMmHg", "-1e308")
                .with(LIMITS + "/temperatureC", "0.0000000000000000000001")
                .with("/safetyMonitoring/ecg/qtcExclusionMs", "2147483647")
                .with(EXPEDITED + "/seriousUnexpectedDays", "-5")
                .with(DMC, "{}");

        assertThatCode(fixture::validate).doesNotThrowAnyException();
        assertThat(ownFindings(fixture)).containsExactly(
                "MON-004 WARNING " + LIMITS + "/systolicMmHg",
                "MON-006 WARNING /safetyMonitoring/ecg/qtcExclusionMs",
                "MON-012 WARNING " + DMC);
    }

    // ---- Helpers ----

    private static List<String> ownFindings(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> f.ruleId().startsWith("MON-"))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }
}
