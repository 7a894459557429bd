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

class FollowUpRulesTest {

    private static final Set<String> IDS = FollowUpRules.all().stream().map(Rule::id).collect(Collectors.toSet());

    private static List<String> ours(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> IDS.contains(f.ruleId()))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    @Test
    void catalogueHoldsTheRulesInOrderWithTheirMetadata() {
        assertThat(FollowUpRules.all()).extracting(Rule::id).containsExactly("FU-001", "FU-002", "FU-003", "FU-004");
        assertThat(FollowUpRules.all()).allSatisfy(rule -> {
            assertThat(rule.category()).isEqualTo(RuleCategory.FOLLOW_UP);
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.thresholdKeys()).isEmpty();
        });
        assertThat(FollowUpRules.FU_003.reference()).isEqualTo("FDA asks for durability; MAPS ran 12-month follow-up.");
        assertThat(RuleCatalogue.rules()).containsSubsequence(FollowUpRules.all());
    }

    @Test
    void completeExampleHasNoFinding() {
        assertThat(ours(RuleFixture.complete())).isEmpty();
    }

    @Test
    void neuropathicDraftHasNoFollowUpSection() {
        assertThat(ours(RuleFixture.draft())).containsExactly(
                "FU-001 WARNING /followUp/postSessionContactDays",
                "FU-002 WARNING /followUp/primaryEndpointWeeksAfterLastSession",
                "FU-003 INFO /followUp/longTermMonths",
                "FU-004 WARNING /followUp/misuseAssessment");
    }

    @Test
    void minimalDocumentGetsEveryFieldsFinding() {
        assertThat(ours(RuleFixture.minimal())).containsExactly(
                "FU-001 WARNING /followUp/postSessionContactDays",
                "FU-002 WARNING /followUp/primaryEndpointWeeksAfterLastSession",
                "FU-003 INFO /followUp/longTermMonths",
                "FU-004 WARNING /followUp/misuseAssessment");
    }

    @ParameterizedTest
    @CsvSource({
        "FU-001, postSessionContactDays,               7,  WARNING",
        "FU-002, primaryEndpointWeeksAfterLastSession, 8,  WARNING",
        "FU-003, longTermMonths,                       12, INFO"})
    void minimumPassesAndOneLessOrMissingIsAFinding(String rule, String field, int minimum, String severity) {
        var path = "/followUp/" + field;
        var expected = List.of(severity + " " + path);

        assertThat(RuleFixture.complete().with(path, String.valueOf(minimum)).outcomes(rule)).isEmpty();
        assertThat(RuleFixture.complete().with(path, String.valueOf(Integer.MAX_VALUE)).outcomes(rule)).isEmpty();
        assertThat(RuleFixture.complete().with(path, String.valueOf(minimum - 1)).outcomes(rule)).isEqualTo(expected);
        assertThat(RuleFixture.complete().with(path, "0").outcomes(rule)).isEqualTo(expected);
        assertThat(RuleFixture.complete().with(path, "-1").outcomes(rule)).isEqualTo(expected);
        assertThat(RuleFixture.complete().with(path, "null").outcomes(rule)).isEqualTo(expected);
        assertThat(RuleFixture.complete().without(path).outcomes(rule)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "FU-001, postSessionContactDays,               7,  days",
        "FU-002, primaryEndpointWeeksAfterLastSession, 8,  weeks",
        "FU-003, longTermMonths,                       12, months"})
    void messageNamesTheValueAndTheMinimum(String rule, String field, int minimum, String unit) {
        var message = RuleFixture.complete().with("/followUp/" + field, "3").findings(rule).get(0).message();

        assertThat(message).contains("3 " + unit).contains(minimum + " " + unit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "null"})
    void misuseAssessmentNotTrueIsAWarning(String value) {
        assertThat(RuleFixture.complete().with("/followUp/misuseAssessment", value).outcomes("FU-004"))
                .containsExactly("WARNING /followUp/misuseAssessment");
        assertThat(RuleFixture.complete().without("/followUp/misuseAssessment").outcomes("FU-004"))
                .containsExactly("WARNING /followUp/misuseAssessment");
    }

    @Test
    void emptyFollowUpSectionReadsAsEveryFieldMissing() {
        assertThat(ours(RuleFixture.complete().with("/followUp", "{}"))).containsExactly(
                "FU-001 WARNING /followUp/postSessionContactDays",
                "FU-002 WARNING /followUp/primaryEndpointWeeksAfterLastSession",
                "FU-003 INFO /followUp/longTermMonths",
                "FU-004 WARNING /followUp/misuseAssessment");
    }
}
