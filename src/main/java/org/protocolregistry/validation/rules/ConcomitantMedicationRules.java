package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.concomitantMedications;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.DrugClass;
import org.protocolregistry.protocol.document.ProtocolDocument.Washout;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** Concomitant medication rules (CMED-001 to CMED-006): interacting drugs, washouts and tapering. */
final class ConcomitantMedicationRules {

    /** "A washout for class X" needs at least this many days (catalogue, "Words used below"). */
    static final int MIN_WASHOUT_DAYS = 1;
    static final int MIN_MAOI_WASHOUT_DAYS = 14;

    private static final String PROHIBITED = "/concomitantMedications/prohibited";
    private static final String WASHOUTS = "/concomitantMedications/washouts";

    static final Rule CMED_001 = new Rule("CMED-001", RuleCategory.CONCOMITANT_MEDICATION, Set.of(Severity.ERROR),
            "MAOIs are prohibited and washed out",
            "MAOI is not in concomitantMedications.prohibited, or no washout for MAOI lasts at least 14 days. "
                    + "One finding per field at fault.",
            "MAOIs with MDMA risk fatal serotonin toxicity.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var medications = concomitantMedications(document);
            if (!Sections.set(medications.prohibited()).contains(DrugClass.MAOI)) {
                findings.report(this, Severity.ERROR, PROHIBITED,
                        "MAOI is not among the prohibited medications; add MAOI to concomitantMedications.prohibited: "
                                + "MAOIs with MDMA risk fatal serotonin toxicity.");
            }
            var washouts = Sections.list(medications.washouts());
            var longEnough = washouts.stream().anyMatch(w -> w.drugClass() == DrugClass.MAOI
                    && w.minDays() != null && w.minDays() >= MIN_MAOI_WASHOUT_DAYS);
            if (!longEnough) {
                findings.report(this, Severity.ERROR, WASHOUTS,
                        "There is no MAOI washout of at least " + MIN_MAOI_WASHOUT_DAYS + " days"
                                + found(washouts, List.of(DrugClass.MAOI)) + "; add a washout with drugClass MAOI "
                                + "and minDays of at least " + MIN_MAOI_WASHOUT_DAYS
                                + ": MAOIs with MDMA risk fatal serotonin toxicity.");
            }
        }
    };

    static final Rule CMED_002 = new Rule("CMED-002", RuleCategory.CONCOMITANT_MEDICATION, Set.of(Severity.ERROR),
            "SSRIs and SNRIs are washed out",
            "concomitantMedications.washouts has no washout (minDays of at least 1) for SSRI and/or SNRI; "
                    + "one finding names every missing class.",
            "Phase 3 trials tapered all serotonergic antidepressants; SNRIs such as duloxetine are common in "
                    + "chronic pain.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            reportMissingWashouts(this, Severity.ERROR, document, findings, List.of(DrugClass.SSRI, DrugClass.SNRI),
                    "phase 3 trials tapered all serotonergic antidepressants before dosing");
        }
    };

    static final Rule CMED_003 = new Rule("CMED-003", RuleCategory.CONCOMITANT_MEDICATION, Set.of(Severity.WARNING),
            "Serotonergic pain drugs are washed out",
            "concomitantMedications.washouts has no washout (minDays of at least 1) for any of TCA, "
                    + "SEROTONERGIC_OPIOID and TRIPTAN; one finding names every missing class.",
            "Amitriptyline, tramadol, tapentadol and triptans are common pain drugs with serotonergic effects.",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            reportMissingWashouts(this, Severity.WARNING, document, findings,
                    List.of(DrugClass.TCA, DrugClass.SEROTONERGIC_OPIOID, DrugClass.TRIPTAN),
                    "amitriptyline, tramadol, tapentadol and triptans add serotonergic effects to MDMA's");
        }
    };

    static final Rule CMED_004 = new Rule("CMED-004", RuleCategory.CONCOMITANT_MEDICATION, Set.of(Severity.WARNING),
            "Strong CYP2D6 inhibitors are washed out",
            "concomitantMedications.washouts has no washout (minDays of at least 1) for CYP2D6_STRONG_INHIBITOR.",
            "MDMA is cleared by CYP2D6; bupropion, paroxetine, fluoxetine and ritonavir raise its levels.",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            reportMissingWashouts(this, Severity.WARNING, document, findings,
                    List.of(DrugClass.CYP2D6_STRONG_INHIBITOR),
                    "MDMA is cleared by CYP2D6, so bupropion, paroxetine, fluoxetine or ritonavir raise its levels");
        }
    };

    static final Rule CMED_005 = new Rule("CMED-005", RuleCategory.CONCOMITANT_MEDICATION, Set.of(Severity.WARNING),
            "Tapering is supervised by the prescriber",
            "concomitantMedications.taperSupervisedByPrescriber is not true.",
            "Tapering risks relapse and withdrawal.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var supervised = concomitantMedications(document).taperSupervisedByPrescriber();
            if (Values.isNotTrue(supervised)) {
                var found = supervised == null ? "is not stated" : "is set to false";
                findings.report(this, Severity.WARNING, "/concomitantMedications/taperSupervisedByPrescriber",
                        "Prescriber supervision of tapering " + found + "; have the prescriber supervise every "
                                + "taper and set taperSupervisedByPrescriber to true: tapering risks relapse and "
                                + "withdrawal.");
            }
        }
    };

    static final Rule CMED_006 = new Rule("CMED-006", RuleCategory.CONCOMITANT_MEDICATION, Set.of(Severity.INFO),
            "A rescue analgesia policy is stated",
            "concomitantMedications.rescueAnalgesiaPolicy is missing.",
            "IMMPACT: record rescue analgesic use.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            if (Values.isMissing(concomitantMedications(document).rescueAnalgesiaPolicy())) {
                findings.report(this, Severity.INFO, "/concomitantMedications/rescueAnalgesiaPolicy",
                        "The rescue analgesia policy is missing; state which rescue analgesics are allowed and how "
                                + "their use is recorded, as IMMPACT recommends.");
            }
        }
    };

    private ConcomitantMedicationRules() {
    }

    static List<Rule> all() {
        return List.of(CMED_001, CMED_002, CMED_003, CMED_004, CMED_005, CMED_006);
    }

    /** One finding at the washouts list naming every required class that has no washout of at least one day. */
    private static void reportMissingWashouts(Rule rule, Severity severity, ProtocolDocument document,
            Findings findings, List<DrugClass> required, String why) {
        var washouts = Sections.list(concomitantMedications(document).washouts());
        var missing = Values.lacking(washedOut(washouts), required);
        if (missing.isEmpty()) {
            return;
        }
        var target = missing.size() == 1 ? "for that class" : "for each of these classes";
        findings.report(rule, severity, WASHOUTS,
                "There is no washout for " + Values.names(missing) + found(washouts, missing) + "; add a washout of at "
                        + "least " + MIN_WASHOUT_DAYS + " day " + target + " (drugClass and minDays): " + why + ".");
    }

    /** The classes that have "a washout": an element with that drugClass and minDays of at least one day. */
    private static Set<DrugClass> washedOut(List<Washout> washouts) {
        var classes = EnumSet.noneOf(DrugClass.class);
        for (var washout : washouts) {
            if (washout.drugClass() != null && washout.minDays() != null && washout.minDays() >= MIN_WASHOUT_DAYS) {
                classes.add(washout.drugClass());
            }
        }
        return classes;
    }

    /** The entries of the given classes that were stated but did not count, so the sponsor sees why. */
    private static String found(List<Washout> washouts, List<DrugClass> classes) {
        var entries = new ArrayList<String>();
        for (var washout : washouts) {
            if (washout.drugClass() != null && classes.contains(washout.drugClass())) {
                var days = washout.minDays() == null ? "no minDays" : washout.minDays() + " days";
                entries.add(washout.drugClass() + " with " + days);
            }
        }
        return entries.isEmpty() ? "" : " (found " + String.join(", ", entries) + ")";
    }
}
