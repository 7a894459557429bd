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

class RegistrationRulesTest {

    private static final Set<String> IDS = RegistrationRules.all().stream().map(Rule::id).collect(Collectors.toSet());

    private static List<String> ours(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> IDS.contains(f.ruleId()))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    private static String json(String text) {
        return "\"" + text + "\"";
    }

    @Test
    void catalogueHoldsTheRulesInOrderWithTheirMetadata() {
        assertThat(RegistrationRules.all()).extracting(Rule::id).containsExactly(
                "REG-001", "REG-002", "REG-003", "REG-004", "REG-005", "REG-006", "REG-007", "REG-008", "REG-009");
        assertThat(RegistrationRules.all()).allSatisfy(rule -> {
            assertThat(rule.category()).isEqualTo(RuleCategory.REGISTRATION_AND_REGULATORY);
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.reference()).isNotBlank();
            assertThat(rule.thresholdKeys()).isEmpty();
        });
        assertThat(RegistrationRules.REG_006.severities()).containsExactlyInAnyOrder(Severity.ERROR, Severity.WARNING);
        assertThat(RegistrationRules.REG_003.reference())
                .isEqualTo("21 CFR 312: unapproved drug studies need an IND in effect.");
        assertThat(RuleCatalogue.rules()).containsSubsequence(RegistrationRules.all());
    }

    @Test
    void completeExampleHasNoFinding() {
        assertThat(ours(RuleFixture.complete())).isEmpty();
    }

    @Test
    void neuropathicDraft() {
        assertThat(ours(RuleFixture.draft())).containsExactly(
                "REG-002 ERROR /registration/officialTitle",
                "REG-006 WARNING /regulatory/ethics/approvalStatus",
                "REG-007 ERROR /regulatory/consent/writtenInformedConsent",
                "REG-008 WARNING /regulatory/consent/modelFormReference",
                "REG-008 WARNING /regulatory/consent/coveredRisks");
    }

    @Test
    void minimalDocument() {
        assertThat(ours(RuleFixture.minimal())).containsExactly(
                "REG-002 ERROR /registration/officialTitle",
                "REG-002 ERROR /registration/phase",
                "REG-002 ERROR /registration/allocation",
                "REG-002 ERROR /registration/masking",
                "REG-002 ERROR /registration/primaryPurpose",
                "REG-002 ERROR /registration/overallStatus",
                "REG-002 ERROR /registration/plannedEnrollment",
                "REG-006 WARNING /regulatory/ethics/approvalStatus",
                "REG-007 ERROR /regulatory/consent/writtenInformedConsent",
                "REG-008 WARNING /regulatory/consent/modelFormReference",
                "REG-008 WARNING /regulatory/consent/coveredRisks");
    }

    @Test
    void usRulesOnAnOtherwiseEmptyDocument() {
        var fixture = RuleFixture.minimal().with("/regulatory/jurisdictions", "[\"US\"]");

        assertThat(ours(fixture)).contains(
                "REG-003 ERROR /regulatory/ind/number",
                "REG-003 ERROR /regulatory/ind/status",
                "REG-004 ERROR /regulatory/scheduleI/deaRegistration",
                "REG-005 WARNING /regulatory/scheduleI/stateLicense");
    }

    // ---- REG-001 ----

    @ParameterizedTest
    @CsvSource({"orgStudyId, 30", "briefTitle, 300", "officialTitle, 600", "acronym, 14"})
    void textAtTheLimitPassesAndOneMoreIsAnError(String field, int limit) {
        var path = "/registration/" + field;

        assertThat(RuleFixture.complete().with(path, json("a".repeat(limit))).outcomes("REG-001")).isEmpty();
        var over = RuleFixture.complete().with(path, json("a".repeat(limit + 1)));
        assertThat(over.outcomes("REG-001")).containsExactly("ERROR " + path);
        assertThat(over.findings("REG-001").get(0).message())
                .contains(String.valueOf(limit + 1), String.valueOf(limit));
    }

    @ParameterizedTest
    @CsvSource({"orgStudyId, 30", "acronym, 14"})
    void lengthsCountCodePointsNotUtf16Units(String field, int limit) {
        var path = "/registration/" + field;
        var emoji = "\uD83D\uDC8A"; // one code point, two UTF-16 units

        assertThat(RuleFixture.complete().with(path, json(emoji.repeat(limit))).outcomes("REG-001")).isEmpty();
        assertThat(RuleFixture.complete().with(path, json(emoji.repeat(limit + 1))).outcomes("REG-001"))
                .containsExactly("ERROR " + path);
    }

    @Test
    void everyOverlongFieldIsAFindingInCatalogueOrder() {
        var fixture = RuleFixture.complete()
                .with("/registration/acronym", json("A".repeat(15)))
                .with("/registration/officialTitle", json("T".repeat(601)))
                .with("/registration/orgStudyId", json("X".repeat(31)));

        assertThat(fixture.outcomes("REG-001")).containsExactly(
                "ERROR /registration/orgStudyId", "ERROR /registration/officialTitle", "ERROR /registration/acronym");
    }

    @Test
    void absentOptionalTextsAreNotLengthChecked() {
        assertThat(RuleFixture.complete().without("/registration/orgStudyId").without("/registration/acronym")
                .with("/registration/officialTitle", "null").outcomes("REG-001")).isEmpty();
    }

    // ---- REG-002 ----

    @ParameterizedTest
    @ValueSource(strings = {"officialTitle", "phase", "allocation", "masking", "primaryPurpose", "overallStatus",
        "plannedEnrollment"})
    void eachMissingRequiredElementIsAnErrorAtItsPath(String field) {
        var path = "/registration/" + field;

        assertThat(RuleFixture.complete().without(path).outcomes("REG-002")).containsExactly("ERROR " + path);
        assertThat(RuleFixture.complete().with(path, "null").outcomes("REG-002")).containsExactly("ERROR " + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"  \""})
    void blankOfficialTitleIsMissing(String title) {
        assertThat(RuleFixture.complete().with("/registration/officialTitle", title).outcomes("REG-002"))
                .containsExactly("ERROR /registration/officialTitle");
    }

    @ParameterizedTest
    @CsvSource({"1, false", "60, false", "0, true", "-5, true", "2147483647, false"})
    void plannedEnrollmentBelowOneIsAnError(int enrollment, boolean finding) {
        var fixture = RuleFixture.complete().with("/registration/plannedEnrollment", String.valueOf(enrollment));

        assertThat(fixture.outcomes("REG-002"))
                .isEqualTo(finding ? List.of("ERROR /registration/plannedEnrollment") : List.of());
    }

    @Test
    void missingCodeMessageListsTheAcceptedValues() {
        var message = RuleFixture.complete().without("/registration/phase").findings("REG-002").get(0).message();

        assertThat(message).contains("phase", "PHASE_2", "NOT_APPLICABLE");
    }

    // ---- REG-003 ----

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"   \""})
    void usTrialWithoutIndNumberIsAnError(String number) {
        assertThat(RuleFixture.complete().with("/regulatory/ind/number", number).outcomes("REG-003"))
                .containsExactly("ERROR /regulatory/ind/number");
    }

    @ParameterizedTest
    @CsvSource({"SUBMITTED, false", "ACTIVE, false", "NOT_SUBMITTED, true", "ON_HOLD, true", "WITHDRAWN, true"})
    void usTrialNeedsAnIndInEffect(String status, boolean finding) {
        var fixture = RuleFixture.complete().with("/regulatory/ind/status", json(status));

        assertThat(fixture.outcomes("REG-003"))
                .isEqualTo(finding ? List.of("ERROR /regulatory/ind/status") : List.of());
        if (finding) {
            assertThat(fixture.findings("REG-003").get(0).message()).contains(status, "SUBMITTED", "ACTIVE");
        }
    }

    @Test
    void usTrialWithoutIndGetsBothFindingsInOrder() {
        assertThat(RuleFixture.complete().without("/regulatory/ind").outcomes("REG-003"))
                .containsExactly("ERROR /regulatory/ind/number", "ERROR /regulatory/ind/status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"CA\"]", "[\"us\"]", "[\" US\"]", "[]", "null"})
    void onlyTheExactUsJurisdictionSwitchesOnTheUsRules(String jurisdictions) {
        var fixture = RuleFixture.complete()
                .with("/regulatory/jurisdictions", jurisdictions)
                .without("/regulatory/ind")
                .without("/regulatory/scheduleI");

        assertThat(fixture.outcomes("REG-003")).isEmpty();
        assertThat(fixture.outcomes("REG-004")).isEmpty();
        assertThat(fixture.outcomes("REG-005")).isEmpty();
    }

    @Test
    void countriesDoNotSwitchOnTheUsRules() {
        var fixture = RuleFixture.complete()
                .with("/registration/countries", "[\"US\"]")
                .without("/regulatory/jurisdictions")
                .without("/regulatory/ind");

        assertThat(fixture.outcomes("REG-003")).isEmpty();
    }

    @Test
    void usAmongOtherJurisdictionsStillApplies() {
        var fixture = RuleFixture.complete()
                .with("/regulatory/jurisdictions", "[\"CA\", \"US\", \"DE\"]")
                .with("/regulatory/ind/status", "\"ON_HOLD\"");

        assertThat(fixture.outcomes("REG-003")).containsExactly("ERROR /regulatory/ind/status");
    }

    // ---- REG-004 / REG-005 ----

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\" \""})
    void usTrialWithoutDeaRegistrationIsAnError(String value) {
        assertThat(RuleFixture.complete().with("/regulatory/scheduleI/deaRegistration", value).outcomes("REG-004"))
                .containsExactly("ERROR /regulatory/scheduleI/deaRegistration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\" \""})
    void usTrialWithoutStateLicenseIsAWarning(String value) {
        assertThat(RuleFixture.complete().with("/regulatory/scheduleI/stateLicense", value).outcomes("REG-005"))
                .containsExactly("WARNING /regulatory/scheduleI/stateLicense");
    }

    @Test
    void usTrialWithoutScheduleISection() {
        var fixture = RuleFixture.complete().without("/regulatory/scheduleI");

        assertThat(fixture.outcomes("REG-004")).containsExactly("ERROR /regulatory/scheduleI/deaRegistration");
        assertThat(fixture.outcomes("REG-005")).containsExactly("WARNING /regulatory/scheduleI/stateLicense");
    }

    // ---- REG-006 ----

    @ParameterizedTest
    @CsvSource({
        "APPROVED,      NOT_YET_RECRUITING,      ",
        "APPROVED,      RECRUITING,              ",
        "APPROVED,      COMPLETED,               ",
        "DENIED,        NOT_YET_RECRUITING,      ERROR",
        "DENIED,        WITHDRAWN,               ERROR",
        "DENIED,        RECRUITING,              ERROR",
        "PENDING,       NOT_YET_RECRUITING,      WARNING",
        "NOT_SUBMITTED, NOT_YET_RECRUITING,      WARNING",
        "EXEMPT,        NOT_YET_RECRUITING,      WARNING",
        "PENDING,       WITHDRAWN,               WARNING",
        "PENDING,       RECRUITING,              ERROR",
        "NOT_SUBMITTED, ENROLLING_BY_INVITATION, ERROR",
        "EXEMPT,        ACTIVE_NOT_RECRUITING,   ERROR",
        "PENDING,       COMPLETED,               ERROR",
        "PENDING,       SUSPENDED,               ERROR",
        "PENDING,       TERMINATED,              ERROR"})
    void ethicsApprovalBands(String approval, String overallStatus, String severity) {
        var fixture = RuleFixture.complete()
                .with("/regulatory/ethics/approvalStatus", json(approval))
                .with("/registration/overallStatus", json(overallStatus));

        assertThat(fixture.outcomes("REG-006")).isEqualTo(
                severity == null ? List.of() : List.of(severity + " /regulatory/ethics/approvalStatus"));
    }

    @Test
    void missingApprovalIsAWarningBeforeRecruitmentAndAnErrorAfter() {
        assertThat(RuleFixture.complete().without("/regulatory/ethics/approvalStatus").outcomes("REG-006"))
                .containsExactly("WARNING /regulatory/ethics/approvalStatus");
        assertThat(RuleFixture.complete().without("/regulatory/ethics")
                .with("/registration/overallStatus", "\"RECRUITING\"").outcomes("REG-006"))
                .containsExactly("ERROR /regulatory/ethics/approvalStatus");
        assertThat(RuleFixture.complete().with("/regulatory/ethics/approvalStatus", "\"PENDING\"")
                .without("/registration/overallStatus").outcomes("REG-006"))
                .containsExactly("WARNING /regulatory/ethics/approvalStatus");
    }

    @Test
    void recruitingWithoutApprovalMessageNamesBothStatuses() {
        var message = RuleFixture.complete()
                .with("/regulatory/ethics/approvalStatus", "\"PENDING\"")
                .with("/registration/overallStatus", "\"RECRUITING\"")
                .findings("REG-006").get(0).message();

        assertThat(message).contains("PENDING", "RECRUITING", "APPROVED");
    }

    // ---- REG-007 ----

    @ParameterizedTest
    @ValueSource(strings = {"false", "null"})
    void writtenConsentNotTrueIsAnError(String value) {
        assertThat(RuleFixture.complete().with("/regulatory/consent/writtenInformedConsent", value)
                .outcomes("REG-007")).containsExactly("ERROR /regulatory/consent/writtenInformedConsent");
    }

    @Test
    void absentConsentIsAnError() {
        assertThat(RuleFixture.complete().without("/regulatory/consent").outcomes("REG-007"))
                .containsExactly("ERROR /regulatory/consent/writtenInformedConsent");
    }

    // ---- REG-008 ----

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"  \""})
    void missingConsentFormReferenceIsAWarning(String value) {
        assertThat(RuleFixture.complete().with("/regulatory/consent/modelFormReference", value).outcomes("REG-008"))
                .containsExactly("WARNING /regulatory/consent/modelFormReference");
    }

    @ParameterizedTest
    @CsvSource({"CARDIOVASCULAR", "HYPONATREMIA", "ABUSE_POTENTIAL", "PSYCHOLOGICAL_DISTRESS"})
    void eachUncoveredRiskIsNamed(String risk) {
        var others = List.of("CARDIOVASCULAR", "HYPONATREMIA", "ABUSE_POTENTIAL", "PSYCHOLOGICAL_DISTRESS").stream()
                .filter(r -> !r.equals(risk)).map(r -> json(r)).collect(Collectors.joining(","));
        var fixture = RuleFixture.complete().with("/regulatory/consent/coveredRisks", "[" + others + "]");

        assertThat(fixture.outcomes("REG-008")).containsExactly("WARNING /regulatory/consent/coveredRisks");
        assertThat(fixture.findings("REG-008").get(0).message()).contains("risk " + risk);
    }

    @Test
    void severalUncoveredRisksGiveOneFindingNamingThemAll() {
        var fixture = RuleFixture.complete()
                .with("/regulatory/consent/coveredRisks", "[\"HYPONATREMIA\", \"SESSION_RECORDING\"]");

        assertThat(fixture.outcomes("REG-008")).containsExactly("WARNING /regulatory/consent/coveredRisks");
        assertThat(fixture.findings("REG-008").get(0).message())
                .contains("CARDIOVASCULAR, ABUSE_POTENTIAL and PSYCHOLOGICAL_DISTRESS");
    }

    @Test
    void absentConsentGivesBothFindingsInOrder() {
        assertThat(RuleFixture.complete().without("/regulatory/consent").outcomes("REG-008")).containsExactly(
                "WARNING /regulatory/consent/modelFormReference", "WARNING /regulatory/consent/coveredRisks");
        assertThat(RuleFixture.complete().with("/regulatory/consent/coveredRisks", "[]").outcomes("REG-008"))
                .containsExactly("WARNING /regulatory/consent/coveredRisks");
    }

    // ---- REG-009 ----

    @ParameterizedTest
    @ValueSource(strings = {"RECRUITING", "ENROLLING_BY_INVITATION", "ACTIVE_NOT_RECRUITING", "COMPLETED",
        "SUSPENDED", "TERMINATED"})
    void pastRecruitmentStartWithoutRegistryIdIsAWarning(String status) {
        var fixture = RuleFixture.complete()
                .with("/registration/overallStatus", json(status))
                .without("/registration/registryIds");

        assertThat(fixture.outcomes("REG-009")).containsExactly("WARNING /registration/registryIds");
        assertThat(fixture.findings("REG-009").get(0).message()).contains(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"registry\":\"EU_CT\"}]", "[{\"registry\":\"ISRCTN\",\"id\":\"  \"}]",
        "[{\"registry\":\"OTHER\",\"id\":null}, {\"id\":\"\"}]"})
    void registryIdsWithoutANonBlankIdDoNotCount(String registryIds) {
        var fixture = RuleFixture.complete()
                .with("/registration/overallStatus", "\"RECRUITING\"")
                .with("/registration/registryIds", registryIds);

        assertThat(fixture.outcomes("REG-009")).containsExactly("WARNING /registration/registryIds");
    }

    @Test
    void oneNonBlankIdIsEnough() {
        var fixture = RuleFixture.complete()
                .with("/registration/overallStatus", "\"RECRUITING\"")
                .with("/registration/registryIds", "[{\"registry\":\"EU_CT\",\"id\":\" \"}, {\"id\":\"ISRCTN1\"}]");

        assertThat(fixture.outcomes("REG-009")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"NOT_YET_RECRUITING\"", "\"WITHDRAWN\"", "null"})
    void beforeRecruitmentStartNoRegistryIdIsNeeded(String status) {
        assertThat(RuleFixture.complete().with("/registration/overallStatus", status)
                .without("/registration/registryIds").outcomes("REG-009")).isEmpty();
    }
}
