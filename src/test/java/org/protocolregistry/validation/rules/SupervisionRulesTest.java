package org.protocolregistry.validation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.validation.Finding;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

class SupervisionRulesTest {

    private static final Set<String> OWN = Set.of("SUP-001", "SUP-002", "SUP-003", "SUP-004", "SUP-005", "PSY-001");

    private static final String ASSISTANT =
            "{\"role\":\"ASSISTANT\",\"licensed\":false,\"degree\":\"BACHELOR\",\"clinicalExperienceYears\":2,"
                    + "\"trainedInProtocol\":true}";

    // ---- The examples ----

    @Test
    void completeExampleHasNoFindingOfTheseRules() {
        assertThat(ownFindings(RuleFixture.complete())).isEmpty();
    }

    @Test
    void neuropathicDraftHasExactlyTheseFindings() {
        assertThat(ownFindings(RuleFixture.draft())).containsExactly(
                "SUP-001 ERROR /supervision/monitors",
                "SUP-005 WARNING /supervision/trainingProgram",
                "PSY-001 WARNING /psychotherapy/preparatorySessions",
                "PSY-001 WARNING /psychotherapy/integrationSessionsPerDosing",
                "PSY-001 WARNING /psychotherapy/manualReference");
    }

    @Test
    void missingSectionsReportEachFieldWithoutCrashing() {
        assertThat(ownFindings(RuleFixture.minimal())).containsExactly(
                "SUP-001 ERROR /supervision/monitors",
                "SUP-002 ERROR /supervision/presentForWholeSession",
                "SUP-003 ERROR /supervision/monitors",
                "SUP-005 WARNING /supervision/trainingProgram",
                "PSY-001 WARNING /psychotherapy/preparatorySessions",
                "PSY-001 WARNING /psychotherapy/integrationSessionsPerDosing",
                "PSY-001 WARNING /psychotherapy/manualReference");
    }

    @Test
    void rulesAreListedInCatalogueOrderWithTheirMetadata() {
        var rules = SupervisionRules.all();

        assertThat(rules).extracting(r -> r.id())
                .containsExactly("SUP-001", "SUP-002", "SUP-003", "SUP-004", "SUP-005", "PSY-001");
        assertThat(rules).extracting(r -> r.category()).containsExactly(RuleCategory.SUPERVISION,
                RuleCategory.SUPERVISION, RuleCategory.SUPERVISION, RuleCategory.SUPERVISION,
                RuleCategory.SUPERVISION, RuleCategory.PSYCHOTHERAPY);
        assertThat(SupervisionRules.SUP_001.thresholdKeys()).containsExactly(Thresholds.MIN_MONITORS);
        assertThat(SupervisionRules.SUP_004.reference())
                .isEqualTo("FDA: the assistant holds at least a bachelor's degree and one year of clinical "
                        + "experience.");
        assertThat(SupervisionRules.PSY_001.reference()).isEqualTo("MAPS protocols used 3 preparatory and 3 "
                + "integration sessions per dosing session, under a written manual.");
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.title()).isNotBlank();
            assertThat(r.description()).isNotBlank();
            assertThat(r.reference()).isNotBlank();
        });
        assertThat(RuleCatalogue.rules()).containsSubsequence(rules);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "SUP-001 | ERROR   | FDA 2023 draft guidance: two monitors per participant; Johnson et al. 2008.",
        "SUP-002 | ERROR   | Monitors stay until acute effects have resolved.",
        "SUP-003 | ERROR   | FDA: the lead monitor is a licensed clinician with graduate training.",
        "SUP-004 | WARNING | FDA: the assistant holds at least a bachelor's degree and one year of clinical experience.",
        "SUP-005 | WARNING | Manualised therapy and trained monitors (SPIRIT 2025 item 15a).",
        "PSY-001 | WARNING | MAPS protocols used 3 preparatory and 3 integration sessions per dosing session, under a "
                + "written manual."})
    void eachRuleHasItsSeverityAndVerbatimReference(String id, Severity severity, String reference) {
        var rule = SupervisionRules.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();

        assertThat(rule.severities()).containsExactly(severity);
        assertThat(rule.reference()).isEqualTo(reference);
    }

    // ---- SUP-001 ----

    @ParameterizedTest
    @CsvSource({"0, true", "1, true", "2, false", "3, false"})
    void fewerThanTwoMonitorsIsAnError(int count, boolean fires) {
        var monitors = String.join(",", Collections.nCopies(count, ASSISTANT));
        var fixture = RuleFixture.complete().with("/supervision/monitors", "[" + monitors + "]");

        assertThat(fixture.outcomes("SUP-001"))
                .isEqualTo(fires ? List.of("ERROR /supervision/monitors") : List.of());
    }

    @Test
    void absentMonitorListCountsAsNone() {
        var finding = single(RuleFixture.complete().without("/supervision/monitors"), "SUP-001");

        assertThat(finding.path()).isEqualTo("/supervision/monitors");
        assertThat(finding.message()).contains("0 monitors").contains("at least 2");
    }

    @Test
    void minimumMonitorsComesFromTheThresholds() {
        var stricter = withMinMonitors(3);
        var findings = RuleFixture.complete().validate(stricter).findings().stream()
                .filter(f -> f.ruleId().equals("SUP-001")).toList();

        assertThat(findings).extracting(Finding::severity, Finding::path)
                .containsExactly(Tuple.tuple(Severity.ERROR, "/supervision/monitors"));
        assertThat(findings.get(0).message()).contains("2 monitors").contains("at least 3");
        assertThat(RuleFixture.complete().validate(withMinMonitors(2)).findings())
                .noneMatch(f -> f.ruleId().equals("SUP-001"));
    }

    // ---- SUP-002 ----

    @ParameterizedTest
    @ValueSource(strings = {"false", "null"})
    void monitorsNotPresentForTheWholeSessionIsAnError(String value) {
        assertThat(RuleFixture.complete().with("/supervision/presentForWholeSession", value).outcomes("SUP-002"))
                .containsExactly("ERROR /supervision/presentForWholeSession");
        assertThat(RuleFixture.complete().without("/supervision/presentForWholeSession").outcomes("SUP-002"))
                .containsExactly("ERROR /supervision/presentForWholeSession");
    }

    // ---- SUP-003 ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LEAD      | true  | DOCTORAL | false",
        "LEAD      | true  | MASTER   | false",
        "LEAD      | true  | BACHELOR | true",
        "LEAD      | true  | NONE     | true",
        "LEAD      | true  | null     | true",
        "LEAD      | false | DOCTORAL | true",
        "LEAD      | null  | DOCTORAL | true",
        "PHYSICIAN | true  | DOCTORAL | true",
        "null      | true  | DOCTORAL | true"})
    void leadMustBeLicensedWithGraduateDegree(String role, String licensed, String degree, boolean fires) {
        var fixture = RuleFixture.complete()
                .with("/supervision/monitors/0/role", json(role))
                .with("/supervision/monitors/0/licensed", licensed)
                .with("/supervision/monitors/0/degree", json(degree));

        assertThat(fixture.outcomes("SUP-003")).isEqualTo(fires ? List.of("ERROR /supervision/monitors") : List.of());
    }

    @Test
    void anyQualifiedLeadSatisfiesSup003() {
        var fixture = RuleFixture.complete()
                .with("/supervision/monitors/0/licensed", "false")
                .with("/supervision/monitors/2", "{\"role\":\"LEAD\",\"licensed\":true,\"degree\":\"MASTER\","
                        + "\"clinicalExperienceYears\":5,\"trainedInProtocol\":true}");

        assertThat(fixture.outcomes("SUP-003")).isEmpty();
    }

    @Test
    void sup003MessageSaysWhatTheLeadLacks() {
        var noLead = single(RuleFixture.complete().with("/supervision/monitors/0/role", "\"PHYSICIAN\""), "SUP-003");
        var unlicensed = single(RuleFixture.complete().with("/supervision/monitors/0/licensed", "false"), "SUP-003");

        assertThat(noLead.message()).contains("No monitor has role LEAD").contains("MASTER or DOCTORAL");
        assertThat(unlicensed.message()).contains("licensed").contains("1 LEAD listed");
    }

    // ---- SUP-004 ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BACHELOR | 1    | ''",
        "MASTER   | 5    | ''",
        "NONE     | 2    | WARNING /supervision/monitors/1/degree",
        "null     | 2    | WARNING /supervision/monitors/1/degree",
        "BACHELOR | 0    | WARNING /supervision/monitors/1/clinicalExperienceYears",
        "BACHELOR | -3   | WARNING /supervision/monitors/1/clinicalExperienceYears",
        "BACHELOR | null | WARNING /supervision/monitors/1/clinicalExperienceYears"})
    void assistantNeedsDegreeAndOneYear(String degree, String years, String expected) {
        var fixture = RuleFixture.complete()
                .with("/supervision/monitors/1/degree", json(degree))
                .with("/supervision/monitors/1/clinicalExperienceYears", years);

        assertThat(fixture.outcomes("SUP-004")).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
    }

    @Test
    void eachFaultOfEachAssistantIsItsOwnFindingInOrder() {
        var fixture = RuleFixture.complete()
                .with("/supervision/monitors/1/degree", "\"NONE\"")
                .with("/supervision/monitors/1/clinicalExperienceYears", "0")
                .with("/supervision/monitors/2", "{\"role\":\"ASSISTANT\",\"trainedInProtocol\":true}");

        assertThat(fixture.outcomes("SUP-004")).containsExactly(
                "WARNING /supervision/monitors/1/degree",
                "WARNING /supervision/monitors/1/clinicalExperienceYears",
                "WARNING /supervision/monitors/2/degree",
                "WARNING /supervision/monitors/2/clinicalExperienceYears");
        var messages = fixture.findings("SUP-004").stream().map(Finding::message).toList();
        assertThat(messages.get(0)).contains("degree NONE").contains("BACHELOR");
        assertThat(messages.get(1)).contains("0 years").contains("at least 1 year");
    }

    @Test
    void onlyAssistantsAreCheckedBySup004() {
        var fixture = RuleFixture.complete()
                .with("/supervision/monitors/2", "{\"role\":\"NURSE\",\"degree\":\"NONE\",\"trainedInProtocol\":true}");

        assertThat(fixture.outcomes("SUP-004")).isEmpty();
    }

    // ---- SUP-005 ----

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "null"})
    void missingTrainingProgramIsAWarning(String program) {
        assertThat(RuleFixture.complete().with("/supervision/trainingProgram", program).outcomes("SUP-005"))
                .containsExactly("WARNING /supervision/trainingProgram");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "null"})
    void untrainedMonitorIsAWarningAtItsField(String trained) {
        assertThat(RuleFixture.complete().with("/supervision/monitors/1/trainedInProtocol", trained)
                .outcomes("SUP-005")).containsExactly("WARNING /supervision/monitors/1/trainedInProtocol");
    }

    @Test
    void programComesBeforeEachUntrainedMonitor() {
        var fixture = RuleFixture.complete()
                .without("/supervision/trainingProgram")
                .without("/supervision/monitors/0/trainedInProtocol")
                .with("/supervision/monitors/1/trainedInProtocol", "false");

        assertThat(fixture.outcomes("SUP-005")).containsExactly(
                "WARNING /supervision/trainingProgram",
                "WARNING /supervision/monitors/0/trainedInProtocol",
                "WARNING /supervision/monitors/1/trainedInProtocol");
        assertThat(fixture.findings("SUP-005").get(2).message()).contains("ASSISTANT").contains("false");
    }

    // ---- PSY-001 ----

    @ParameterizedTest
    @CsvSource({
        "preparatorySessions, 1, false",
        "preparatorySessions, 0, true",
        "preparatorySessions, -1, true",
        "preparatorySessions, null, true",
        "integrationSessionsPerDosing, 1, false",
        "integrationSessionsPerDosing, 0, true",
        "integrationSessionsPerDosing, null, true"})
    void sessionsMissingOrUnderOneAreAWarning(String field, String value, boolean fires) {
        var fixture = RuleFixture.complete().with("/psychotherapy/" + field, value);

        assertThat(fixture.outcomes("PSY-001"))
                .isEqualTo(fires ? List.of("WARNING /psychotherapy/" + field) : List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\" \"", "null"})
    void missingManualReferenceIsAWarning(String reference) {
        assertThat(RuleFixture.complete().with("/psychotherapy/manualReference", reference).outcomes("PSY-001"))
                .containsExactly("WARNING /psychotherapy/manualReference");
    }

    @Test
    void psy001MessagesNameTheValueAndTheMinimum() {
        var finding = single(RuleFixture.complete().with("/psychotherapy/preparatorySessions", "0"), "PSY-001");

        assertThat(finding.message()).contains("0 preparatory sessions").contains("at least 1");
        assertThat(finding.reference()).startsWith("MAPS protocols used 3 preparatory");
    }

    // ---- Robustness ----

    @Test
    void oddValuesNeverThrow() {
        var fixture = RuleFixture.complete()
                .with("/supervision/monitors", "[{},{\"role\":\"ASSISTANT\"},{\"role\":\"LEAD\"}]")
                .with("/psychotherapy/preparatorySessions", "-2147483648")
                .with("/psychotherapy/integrationSessionsPerDosing", "2147483647")
                .with("/supervision/presentForWholeSession", "null");

        assertThatCode(fixture::validate).doesNotThrowAnyException();
        assertThat(ownFindings(fixture)).contains(
                "SUP-003 ERROR /supervision/monitors",
                "SUP-004 WARNING /supervision/monitors/1/degree",
                "SUP-005 WARNING /supervision/monitors/0/trainedInProtocol",
                "PSY-001 WARNING /psychotherapy/preparatorySessions");
    }

    // ---- Helpers ----

    private static List<String> ownFindings(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> OWN.contains(f.ruleId()))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    private static Finding single(RuleFixture fixture, String ruleId) {
        var findings = fixture.findings(ruleId);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    /** A code as JSON text, or JSON null. */
    private static String json(String code) {
        return code.equals("null") ? "null" : "\"" + code + "\"";
    }

    private static Thresholds withMinMonitors(int minMonitors) {
        var d = Thresholds.DEFAULTS;
        return new Thresholds(d.maxInitialDoseMg(), d.warnInitialDoseMg(), d.maxMgPerKg(), d.maxSessionTotalMg(),
                d.maxEmergencyResponseMinutes(), minMonitors, d.maxSystolicMmHg(), d.maxDiastolicMmHg(),
                d.maxHeartRateBpm(), d.maxTemperatureC());
    }
}
