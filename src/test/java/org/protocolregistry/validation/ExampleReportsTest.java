package org.protocolregistry.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.testing.Examples;

/**
 * The full reports on the product owner's example protocols. Each category's expected
 * findings on the draft were worked out by hand from the catalogue before the rules ran.
 */
class ExampleReportsTest {

    private static final SafetyValidator VALIDATOR = new SafetyValidator(Thresholds.DEFAULTS);

    @Test
    void completeExampleHasExactlyOneWarning() {
        var report = validate(Examples.FIBROMYALGIA);

        assertThat(report.valid()).isTrue();
        assertThat(report.findings()).extracting(ExampleReportsTest::outcome)
                .containsExactly("DOSE-010 WARNING /dosing/initialDoseMg");
        assertThat(report.findings().get(0).message()).contains("120 mg", "48 kg", "2.5 mg/kg", "2 mg/kg");
    }

    @Test
    void draftExampleHasTheseFindingsInCatalogueOrder() {
        var report = validate(Examples.NEUROPATHIC_DRAFT);

        assertThat(report.valid()).isFalse();
        assertThat(report.counts()).containsEntry(Severity.ERROR, 29).containsEntry(Severity.WARNING, 33)
                .containsEntry(Severity.INFO, 3);
        assertThat(report.findings()).extracting(ExampleReportsTest::outcome).containsExactly(
                "DOSE-002 WARNING /dosing/saltForm",
                "DOSE-005 WARNING /dosing/supplementalDelayMinutes",
                "DOSE-007 WARNING /dosing/supplementalHoldCriteria",
                "DOSE-009 WARNING /dosing/minIntervalDays",
                "DOSE-010 WARNING /eligibility/minWeightKg",
                "SET-002 WARNING /setting/sessionDurationHours",
                "SET-003 WARNING /setting/overnightStay",
                "SET-004 ERROR /setting/dischargeCriteria",
                "SET-006 ERROR /setting/emergency/writtenPlan",
                "SET-006 ERROR /setting/emergency/physicianOnCall",
                "SET-006 ERROR /setting/emergency/equipment",
                "SET-007 WARNING /setting/emergency/maxResponseMinutes",
                "SET-008 WARNING /setting/fluidManagementPlan",
                "SUP-001 ERROR /supervision/monitors",
                "SUP-005 WARNING /supervision/trainingProgram",
                "PSY-001 WARNING /psychotherapy/preparatorySessions",
                "PSY-001 WARNING /psychotherapy/integrationSessionsPerDosing",
                "PSY-001 WARNING /psychotherapy/manualReference",
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
                "MON-015 ERROR /safetyMonitoring/pregnancyTesting",
                "ELIG-003 ERROR /eligibility/exclusions",
                "ELIG-005 WARNING /eligibility/contraceptionDaysAfterLastDose",
                "ELIG-006 ERROR /eligibility/exclusions",
                "ELIG-007 WARNING /eligibility/exclusions",
                "ELIG-008 WARNING /condition/diagnosticCriteria",
                "ELIG-008 WARNING /condition/minDurationMonths",
                "ELIG-008 WARNING /condition/minBaselinePainNrs",
                "CMED-001 ERROR /concomitantMedications/prohibited",
                "CMED-001 ERROR /concomitantMedications/washouts",
                "CMED-002 ERROR /concomitantMedications/washouts",
                "CMED-003 WARNING /concomitantMedications/washouts",
                "CMED-004 WARNING /concomitantMedications/washouts",
                "CMED-005 WARNING /concomitantMedications/taperSupervisedByPrescriber",
                "CMED-006 INFO /concomitantMedications/rescueAnalgesiaPolicy",
                "OUT-002 ERROR /outcomeMeasures/0/description",
                "OUT-003 WARNING /outcomeMeasures/0/title",
                "OUT-004 WARNING /outcomeMeasures",
                "OUT-005 WARNING /outcomeMeasures",
                "REG-002 ERROR /registration/officialTitle",
                "REG-006 WARNING /regulatory/ethics/approvalStatus",
                "REG-007 ERROR /regulatory/consent/writtenInformedConsent",
                "REG-008 WARNING /regulatory/consent/modelFormReference",
                "REG-008 WARNING /regulatory/consent/coveredRisks",
                "FU-001 WARNING /followUp/postSessionContactDays",
                "FU-002 WARNING /followUp/primaryEndpointWeeksAfterLastSession",
                "FU-003 INFO /followUp/longTermMonths",
                "FU-004 WARNING /followUp/misuseAssessment");
    }

    private static ValidationReport validate(String example) {
        return VALIDATOR.validate(DocumentParser.parse(Examples.bytes(example)).model());
    }

    private static String outcome(Finding finding) {
        return finding.ruleId() + " " + finding.severity() + " " + finding.path();
    }
}
