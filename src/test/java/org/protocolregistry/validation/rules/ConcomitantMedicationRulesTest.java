package org.protocolregistry.validation.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;

class ConcomitantMedicationRulesTest {

    private static final String WASHOUTS = "/concomitantMedications/washouts";

    /** The findings of the concomitant medication rules as "ID SEVERITY path", in report order. */
    private static List<String> medicationOutcomes(RuleFixture fixture) {
        return fixture.validate().findings().stream()
                .filter(f -> f.ruleId().startsWith("CMED-"))
                .map(f -> f.ruleId() + " " + f.severity() + " " + f.path())
                .toList();
    }

    /** A washouts list of "CLASS:days" entries ("CLASS:null" for a null minDays). */
    private static String washouts(String... entries) {
        var json = new StringBuilder("[");
        for (var entry : entries) {
            var parts = entry.split(":");
            if (json.length() > 1) {
                json.append(',');
            }
            var drugClass = parts[0].equals("null") ? "null" : "\"" + parts[0] + "\"";
            json.append("{\"drugClass\":").append(drugClass).append(",\"minDays\":").append(parts[1]).append('}');
        }
        return json.append(']').toString();
    }

    private static final String[] COMPLETE_WASHOUTS = {
        "MAOI:14", "SSRI:14", "SNRI:14", "TCA:14", "SEROTONERGIC_OPIOID:7", "TRIPTAN:3", "CYP2D6_STRONG_INHIBITOR:14"
    };

    /** The complete example's washouts with one class's entry replaced (or dropped when days is "drop"). */
    private static String washoutsWith(String drugClass, String days) {
        var entries = new ArrayList<String>();
        for (var entry : COMPLETE_WASHOUTS) {
            if (!entry.startsWith(drugClass + ":")) {
                entries.add(entry);
            } else if (!days.equals("drop")) {
                entries.add(drugClass + ":" + days);
            }
        }
        return washouts(entries.toArray(String[]::new));
    }

    @Test
    void rulesAreInCatalogueOrderWithTheirMetadata() {
        var rules = ConcomitantMedicationRules.all();

        assertThat(rules).extracting(Rule::id)
                .containsExactly("CMED-001", "CMED-002", "CMED-003", "CMED-004", "CMED-005", "CMED-006");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.category()).isEqualTo(RuleCategory.CONCOMITANT_MEDICATION);
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.thresholdKeys()).isEmpty();
        });
        assertThat(rules).extracting(Rule::severities).containsExactly(
                Set.of(Severity.ERROR), Set.of(Severity.ERROR), Set.of(Severity.WARNING), Set.of(Severity.WARNING),
                Set.of(Severity.WARNING), Set.of(Severity.INFO));
        assertThat(ConcomitantMedicationRules.CMED_004.reference()).isEqualTo(
                "MDMA is cleared by CYP2D6; bupropion, paroxetine, fluoxetine and ritonavir raise its levels.");
        assertThat(RuleCatalogue.rules()).containsSubsequence(rules);
        assertThat(RuleCatalogue.rules()).containsSubsequence(EligibilityRules.ELIG_009, rules.get(0));
    }

    @Test
    void completeExampleHasNoMedicationFinding() {
        assertThat(medicationOutcomes(RuleFixture.complete())).isEmpty();
    }

    @Test
    void neuropathicDraftFindings() {
        assertThat(medicationOutcomes(RuleFixture.draft())).containsExactly(
                "CMED-001 ERROR /concomitantMedications/prohibited",
                "CMED-001 ERROR /concomitantMedications/washouts",
                "CMED-002 ERROR /concomitantMedications/washouts",
                "CMED-003 WARNING /concomitantMedications/washouts",
                "CMED-004 WARNING /concomitantMedications/washouts",
                "CMED-005 WARNING /concomitantMedications/taperSupervisedByPrescriber",
                "CMED-006 INFO /concomitantMedications/rescueAnalgesiaPolicy");
    }

    @Test
    void missingSectionYieldsTheFindingsOfEachField() {
        var outcomes = medicationOutcomes(RuleFixture.minimal());

        assertThat(outcomes).containsExactly(
                "CMED-001 ERROR /concomitantMedications/prohibited",
                "CMED-001 ERROR /concomitantMedications/washouts",
                "CMED-002 ERROR /concomitantMedications/washouts",
                "CMED-003 WARNING /concomitantMedications/washouts",
                "CMED-004 WARNING /concomitantMedications/washouts",
                "CMED-005 WARNING /concomitantMedications/taperSupervisedByPrescriber",
                "CMED-006 INFO /concomitantMedications/rescueAnalgesiaPolicy");
        assertThat(RuleFixture.complete().with("/concomitantMedications", "{}").validate().findings())
                .filteredOn(f -> f.ruleId().startsWith("CMED-")).hasSize(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "[\"SSRI\", \"STIMULANT\"]"})
    void maoiNotProhibitedIsAnError(String prohibited) {
        var fixture = RuleFixture.complete().with("/concomitantMedications/prohibited", prohibited);

        assertThat(fixture.outcomes("CMED-001")).containsExactly("ERROR /concomitantMedications/prohibited");
        assertThat(fixture.findings("CMED-001").get(0).message()).contains("MAOI");
    }

    @ParameterizedTest
    @CsvSource({
        "13, true",
        "1, true",
        "0, true",
        "-14, true",
        "null, true",
        "drop, true",
        "14, false",
        "15, false",
        "2147483647, false"
    })
    void maoiWashoutOfAtLeast14DaysIsRequired(String days, boolean fires) {
        var fixture = RuleFixture.complete().with(WASHOUTS, washoutsWith("MAOI", days));

        assertThat(fixture.outcomes("CMED-001")).isEqualTo(fires ? List.of("ERROR " + WASHOUTS) : List.of());
    }

    @Test
    void maoiWashoutMessageNamesTheShortWashoutFound() {
        var message = RuleFixture.complete().with(WASHOUTS, washoutsWith("MAOI", "7"))
                .findings("CMED-001").get(0).message();

        assertThat(message).contains("MAOI with 7 days").contains("14");
    }

    @Test
    void anyLongEnoughMaoiWashoutCounts() {
        var fixture = RuleFixture.complete().with(WASHOUTS, washouts("MAOI:7", "MAOI:21", "SSRI:14", "SNRI:14"));

        assertThat(fixture.outcomes("CMED-001")).isEmpty();
    }

    @Test
    void bothMaoiFieldsAtFaultGetOneFindingEachInCatalogueOrder() {
        var fixture = RuleFixture.complete()
                .with("/concomitantMedications/prohibited", "[]")
                .with(WASHOUTS, washoutsWith("MAOI", "drop"));

        assertThat(fixture.outcomes("CMED-001"))
                .containsExactly("ERROR /concomitantMedications/prohibited", "ERROR " + WASHOUTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CMED-002 | ERROR   | SSRI",
        "CMED-002 | ERROR   | SNRI",
        "CMED-003 | WARNING | TCA",
        "CMED-003 | WARNING | SEROTONERGIC_OPIOID",
        "CMED-003 | WARNING | TRIPTAN",
        "CMED-004 | WARNING | CYP2D6_STRONG_INHIBITOR"
    })
    void eachRequiredWashoutIsChecked(String ruleId, Severity severity, String drugClass) {
        for (var days : List.of("drop", "0", "-1", "null")) {
            var fixture = RuleFixture.complete().with(WASHOUTS, washoutsWith(drugClass, days));

            assertThat(medicationOutcomes(fixture)).as("%s with %s", drugClass, days)
                    .containsExactly(ruleId + " " + severity + " " + WASHOUTS);
            assertThat(fixture.findings(ruleId).get(0).message()).contains(drugClass);
        }
        var oneDay = RuleFixture.complete().with(WASHOUTS, washoutsWith(drugClass, "1"));
        assertThat(medicationOutcomes(oneDay)).isEmpty();
    }

    @Test
    void washoutWithoutDrugClassCountsForNothing() {
        var fixture = RuleFixture.complete().with(WASHOUTS, washouts("null:30", "MAOI:14"));

        assertThat(medicationOutcomes(fixture)).containsExactly(
                "CMED-002 ERROR " + WASHOUTS, "CMED-003 WARNING " + WASHOUTS, "CMED-004 WARNING " + WASHOUTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CMED-002 | SSRI and SNRI",
        "CMED-003 | TCA, SEROTONERGIC_OPIOID and TRIPTAN",
        "CMED-004 | CYP2D6_STRONG_INHIBITOR"
    })
    void oneFindingNamesEveryMissingClass(String ruleId, String named) {
        var fixture = RuleFixture.complete().with(WASHOUTS, washouts("MAOI:14"));

        var findings = fixture.findings(ruleId);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path()).isEqualTo(WASHOUTS);
        assertThat(findings.get(0).message()).contains(named);
    }

    @Test
    void missingClassMessageShowsEntriesThatDidNotCount() {
        var message = RuleFixture.complete().with(WASHOUTS, washouts("MAOI:14", "SSRI:0", "SNRI:14"))
                .findings("CMED-002").get(0).message();

        assertThat(message).contains("no washout for SSRI").contains("SSRI with 0 days").doesNotContain("SNRI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "null"})
    void taperNotSupervisedIsAWarning(String supervised) {
        var fixture = RuleFixture.complete().with("/concomitantMedications/taperSupervisedByPrescriber", supervised);

        assertThat(fixture.outcomes("CMED-005"))
                .containsExactly("WARNING /concomitantMedications/taperSupervisedByPrescriber");
    }

    @Test
    void absentTaperSupervisionIsAWarningAndTrueIsNot() {
        assertThat(RuleFixture.complete().without("/concomitantMedications/taperSupervisedByPrescriber")
                .outcomes("CMED-005")).containsExactly("WARNING /concomitantMedications/taperSupervisedByPrescriber");
        assertThat(RuleFixture.complete().with("/concomitantMedications/taperSupervisedByPrescriber", "true")
                .outcomes("CMED-005")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\" \\t \"", "null"})
    void missingRescueAnalgesiaPolicyIsInfo(String policy) {
        var fixture = RuleFixture.complete().with("/concomitantMedications/rescueAnalgesiaPolicy", policy);

        assertThat(fixture.outcomes("CMED-006")).containsExactly("INFO /concomitantMedications/rescueAnalgesiaPolicy");
        assertThat(fixture.findings("CMED-006").get(0).reference()).isEqualTo("IMMPACT: record rescue analgesic use.");
    }

    @Test
    void anyStatedRescueAnalgesiaPolicyPasses() {
        assertThat(RuleFixture.complete().with("/concomitantMedications/rescueAnalgesiaPolicy", "\"x\"")
                .outcomes("CMED-006")).isEmpty();
    }
}
