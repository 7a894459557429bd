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

class OutcomeRulesTest {

    private static final Set<String> IDS = OutcomeRules.all().stream().map(Rule::id).collect(Collectors.toSet());

    /** The findings of this category's rules as "ID SEVERITY path", in report order. */
    private static List<String> ours(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> IDS.contains(f.ruleId()))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    @Test
    void catalogueHoldsTheRulesInOrderWithTheirMetadata() {
        assertThat(OutcomeRules.all()).extracting(Rule::id)
                .containsExactly("OUT-001", "OUT-002", "OUT-003", "OUT-004", "OUT-005", "OUT-006", "OUT-007");
        assertThat(OutcomeRules.all()).allSatisfy(rule -> {
            assertThat(rule.category()).isEqualTo(RuleCategory.OUTCOMES_AND_DESIGN);
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.thresholdKeys()).isEmpty();
        });
        assertThat(OutcomeRules.OUT_005.reference()).isEqualTo("IMMPACT core outcome domains (Turk et al. 2003).");
        assertThat(RuleCatalogue.rules()).containsSubsequence(OutcomeRules.all());
    }

    @Test
    void completeExampleHasNoFinding() {
        assertThat(ours(RuleFixture.complete())).isEmpty();
    }

    @Test
    void neuropathicDraft() {
        assertThat(ours(RuleFixture.draft())).containsExactly(
                "OUT-002 ERROR /outcomeMeasures/0/description",
                "OUT-003 WARNING /outcomeMeasures/0/title",
                "OUT-004 WARNING /outcomeMeasures",
                "OUT-005 WARNING /outcomeMeasures");
    }

    @Test
    void minimalDocument() {
        assertThat(ours(RuleFixture.minimal())).containsExactly(
                "OUT-001 ERROR /outcomeMeasures",
                "OUT-004 WARNING /outcomeMeasures",
                "OUT-005 WARNING /outcomeMeasures");
        var domains = RuleFixture.minimal().findings("OUT-005").get(0).message();
        assertThat(domains).contains("PAIN", "PHYSICAL_FUNCTIONING", "EMOTIONAL_FUNCTIONING", "GLOBAL_IMPROVEMENT",
                "ADVERSE_EVENTS", "DISPOSITION");
    }

    // ---- OUT-001 ----

    @ParameterizedTest
    @ValueSource(strings = {"\"SECONDARY\"", "\"OTHER\"", "null"})
    void noPrimaryOutcomeIsAnError(String type) {
        var fixture = RuleFixture.complete().with("/outcomeMeasures/0/type", type);

        assertThat(fixture.outcomes("OUT-001")).containsExactly("ERROR /outcomeMeasures");
        assertThat(fixture.findings("OUT-001").get(0).message()).contains("PRIMARY").contains("6 outcome measures");
    }

    @Test
    void absentOrEmptyOutcomeListIsAnError() {
        assertThat(RuleFixture.complete().without("/outcomeMeasures").outcomes("OUT-001"))
                .containsExactly("ERROR /outcomeMeasures");
        assertThat(RuleFixture.complete().with("/outcomeMeasures", "[]").outcomes("OUT-001"))
                .containsExactly("ERROR /outcomeMeasures");
    }

    @Test
    void aPrimaryOutcomeAnywhereInTheListPasses() {
        var fixture = RuleFixture.complete()
                .with("/outcomeMeasures/0/type", "\"SECONDARY\"")
                .with("/outcomeMeasures/5/type", "\"PRIMARY\"");

        assertThat(fixture.outcomes("OUT-001")).isEmpty();
    }

    // ---- OUT-002 ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "title       | null",
        "title       | \"\"",
        "title       | \"   \"",
        "description | null",
        "description | \"\"",
        "timeFrame   | null",
        "timeFrame   | \" \\t \""})
    void missingOutcomeFieldIsAnErrorAtTheField(String field, String value) {
        var fixture = RuleFixture.complete().with("/outcomeMeasures/2/" + field, value);

        assertThat(fixture.outcomes("OUT-002")).containsExactly("ERROR /outcomeMeasures/2/" + field);
        assertThat(fixture.findings("OUT-002").get(0).message()).contains(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "description", "timeFrame"})
    void absentOutcomeFieldIsAnError(String field) {
        assertThat(RuleFixture.complete().without("/outcomeMeasures/4/" + field).outcomes("OUT-002"))
                .containsExactly("ERROR /outcomeMeasures/4/" + field);
    }

    @Test
    void oneFindingPerMissingFieldInCatalogueOrderPerElement() {
        var fixture = RuleFixture.complete()
                .with("/outcomeMeasures/1", "{\"type\":\"SECONDARY\"}")
                .with("/outcomeMeasures/3/timeFrame", "\"\"");

        assertThat(fixture.outcomes("OUT-002")).containsExactly(
                "ERROR /outcomeMeasures/1/title",
                "ERROR /outcomeMeasures/1/description",
                "ERROR /outcomeMeasures/1/timeFrame",
                "ERROR /outcomeMeasures/3/timeFrame");
    }

    @Test
    void aSingleCharacterIsNotMissing() {
        var fixture = RuleFixture.complete()
                .with("/outcomeMeasures/0/title", "\"x\"")
                .with("/outcomeMeasures/0/description", "\"y\"")
                .with("/outcomeMeasures/0/timeFrame", "\"z\"");

        assertThat(fixture.outcomes("OUT-002")).isEmpty();
    }

    // ---- OUT-003 ----

    @ParameterizedTest
    @ValueSource(strings = {"Safety", "safety", " SAFETY ", "\\tEfficacy\\n", "tolerability", "Feasibility",
        "satisfaction"})
    void nonSpecificTitleIsAWarning(String title) {
        var fixture = RuleFixture.complete().with("/outcomeMeasures/4/title", "\"" + title + "\"");

        assertThat(fixture.outcomes("OUT-003")).containsExactly("WARNING /outcomeMeasures/4/title");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Safety outcomes", "Safety and tolerability", "safety.", "Satisfactions", "Safe ty",
        "Number of participants with adverse events"})
    void onlyAnExactNonSpecificTitleIsAFinding(String title) {
        assertThat(RuleFixture.complete().with("/outcomeMeasures/4/title", "\"" + title + "\"").outcomes("OUT-003"))
                .isEmpty();
    }

    @Test
    void everyOutcomeTitleIsCheckedAndAMissingTitleIsOut002s() {
        var fixture = RuleFixture.complete()
                .with("/outcomeMeasures/0/title", "\"Efficacy\"")
                .with("/outcomeMeasures/5/title", "\"feasibility\"")
                .with("/outcomeMeasures/2/title", "null");

        assertThat(fixture.outcomes("OUT-003"))
                .containsExactly("WARNING /outcomeMeasures/0/title", "WARNING /outcomeMeasures/5/title");
        assertThat(fixture.findings("OUT-003").get(0).message()).contains("\"Efficacy\"");
    }

    // ---- OUT-004 ----

    @ParameterizedTest
    @ValueSource(strings = {"NRS_PAIN_INTENSITY", "VAS_PAIN", "BPI_SEVERITY"})
    void primaryPainIntensityInstrumentPasses(String instrument) {
        assertThat(RuleFixture.complete().with("/outcomeMeasures/0/instrument", "\"" + instrument + "\"")
                .outcomes("OUT-004")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"BPI_INTERFERENCE\"", "\"OTHER\"", "null"})
    void primaryOutcomeWithoutPainIntensityInstrumentIsAWarning(String instrument) {
        var fixture = RuleFixture.complete().with("/outcomeMeasures/0/instrument", instrument);

        assertThat(fixture.outcomes("OUT-004")).containsExactly("WARNING /outcomeMeasures");
        assertThat(fixture.findings("OUT-004").get(0).message())
                .contains("NRS_PAIN_INTENSITY", "VAS_PAIN", "BPI_SEVERITY");
    }

    @Test
    void painIntensityOnASecondaryOutcomeDoesNotCount() {
        var fixture = RuleFixture.complete()
                .with("/outcomeMeasures/0/instrument", "\"PGIC\"")
                .with("/outcomeMeasures/1/instrument", "\"NRS_PAIN_INTENSITY\"");

        assertThat(fixture.outcomes("OUT-004")).containsExactly("WARNING /outcomeMeasures");
        assertThat(fixture.findings("OUT-004").get(0).message()).contains("PGIC");
    }

    @Test
    void noOutcomeAtAllIsAWarning() {
        assertThat(RuleFixture.complete().with("/outcomeMeasures", "[]").outcomes("OUT-004"))
                .containsExactly("WARNING /outcomeMeasures");
    }

    // ---- OUT-005 ----

    @ParameterizedTest
    @CsvSource({
        "0, PAIN",
        "1, PHYSICAL_FUNCTIONING",
        "2, EMOTIONAL_FUNCTIONING",
        "3, GLOBAL_IMPROVEMENT",
        "4, ADVERSE_EVENTS",
        "5, DISPOSITION"})
    void eachMissingCoreDomainIsAWarning(int index, String domain) {
        var fixture = RuleFixture.complete().with("/outcomeMeasures/" + index + "/domain", "\"OTHER\"");

        assertThat(fixture.outcomes("OUT-005")).containsExactly("WARNING /outcomeMeasures");
        assertThat(fixture.findings("OUT-005").get(0).message()).contains(domain);
    }

    @Test
    void severalMissingDomainsGiveOneFindingNamingThemAll() {
        var fixture = RuleFixture.complete()
                .with("/outcomeMeasures/2/domain", "null")
                .without("/outcomeMeasures/3/domain")
                .with("/outcomeMeasures/5/domain", "\"PAIN\"");

        assertThat(fixture.outcomes("OUT-005")).containsExactly("WARNING /outcomeMeasures");
        assertThat(fixture.findings("OUT-005").get(0).message())
                .contains("EMOTIONAL_FUNCTIONING, GLOBAL_IMPROVEMENT and DISPOSITION")
                .doesNotContain("lack the IMMPACT core domains PAIN");
    }

    @Test
    void domainsCountWhateverTheOutcomeType() {
        var fixture = RuleFixture.complete()
                .with("/outcomeMeasures/0/type", "\"OTHER\"")
                .with("/outcomeMeasures/5/type", "\"PRIMARY\"");

        assertThat(fixture.outcomes("OUT-005")).isEmpty();
    }

    // ---- OUT-006 ----

    @ParameterizedTest
    @ValueSource(strings = {"SINGLE", "DOUBLE", "TRIPLE", "QUADRUPLE"})
    void maskedTrialWithoutBlindingSafeguardsGetsOneWarningEach(String masking) {
        var fixture = RuleFixture.complete()
                .with("/registration/masking", "\"" + masking + "\"")
                .without("/blinding");

        assertThat(fixture.outcomes("OUT-006")).containsExactly(
                "WARNING /blinding/independentRaters",
                "WARNING /blinding/blindingIntegrityAssessment");
        assertThat(fixture.findings("OUT-006").get(0).message()).contains(masking);
    }

    @ParameterizedTest
    @CsvSource({
        "independentRaters, false",
        "independentRaters, null",
        "blindingIntegrityAssessment, false",
        "blindingIntegrityAssessment, null"})
    void eachSafeguardNotTrueIsAWarningAtItsField(String field, String value) {
        assertThat(RuleFixture.complete().with("/blinding/" + field, value).outcomes("OUT-006"))
                .containsExactly("WARNING /blinding/" + field);
    }

    @Test
    void unmaskedOrUnstatedMaskingIsNoFinding() {
        assertThat(RuleFixture.complete().with("/registration/masking", "\"NONE\"")
                .with("/blinding/independentRaters", "false").without("/blinding/blindingIntegrityAssessment")
                .outcomes("OUT-006")).isEmpty();
        assertThat(RuleFixture.complete().with("/registration/masking", "null").without("/blinding")
                .outcomes("OUT-006")).isEmpty();
        assertThat(RuleFixture.complete().without("/registration/masking").without("/blinding")
                .outcomes("OUT-006")).isEmpty();
    }

    // ---- OUT-007 ----

    @Test
    void randomizedWithOneArmIsAnError() {
        var fixture = RuleFixture.complete().without("/arms/1");

        assertThat(fixture.outcomes("OUT-007")).containsExactly("ERROR /arms");
        assertThat(fixture.findings("OUT-007").get(0).message()).contains("RANDOMIZED").contains("1 arm");
    }

    @Test
    void randomizedWithNoArmsIsAnError() {
        assertThat(RuleFixture.complete().with("/arms", "[]").outcomes("OUT-007")).containsExactly("ERROR /arms");
        assertThat(RuleFixture.complete().without("/arms").outcomes("OUT-007")).containsExactly("ERROR /arms");
    }

    @Test
    void twoArmsPassAndOtherAllocationsAreNotChecked() {
        assertThat(RuleFixture.complete().outcomes("OUT-007")).isEmpty();
        assertThat(RuleFixture.complete().with("/arms/2", "{\"label\":\"Waitlist\",\"type\":\"NO_INTERVENTION\"}")
                .outcomes("OUT-007")).isEmpty();
        assertThat(RuleFixture.complete().with("/registration/allocation", "\"NON_RANDOMIZED\"").without("/arms/1")
                .outcomes("OUT-007")).isEmpty();
        assertThat(RuleFixture.complete().without("/registration/allocation").with("/arms", "[]")
                .outcomes("OUT-007")).isEmpty();
    }
}
