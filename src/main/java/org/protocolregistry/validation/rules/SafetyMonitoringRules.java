package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.adverseEvents;
import static org.protocolregistry.validation.rules.Sections.dataMonitoringCommittee;
import static org.protocolregistry.validation.rules.Sections.dosing;
import static org.protocolregistry.validation.rules.Sections.ecg;
import static org.protocolregistry.validation.rules.Sections.expeditedReporting;
import static org.protocolregistry.validation.rules.Sections.registration;
import static org.protocolregistry.validation.rules.Sections.regulatory;
import static org.protocolregistry.validation.rules.Sections.safetyMonitoring;
import static org.protocolregistry.validation.rules.Sections.set;
import static org.protocolregistry.validation.rules.Sections.stoppingRules;
import static org.protocolregistry.validation.rules.Sections.suicidality;
import static org.protocolregistry.validation.rules.Sections.vitalSignThresholds;
import static org.protocolregistry.validation.rules.Sections.vitalSigns;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.AdverseEventCoding;
import org.protocolregistry.protocol.document.ProtocolDocument.AdverseEventOfSpecialInterest;
import org.protocolregistry.protocol.document.ProtocolDocument.Allocation;
import org.protocolregistry.protocol.document.ProtocolDocument.Phase;
import org.protocolregistry.protocol.document.ProtocolDocument.PregnancyTesting;
import org.protocolregistry.protocol.document.ProtocolDocument.SeverityGrading;
import org.protocolregistry.protocol.document.ProtocolDocument.SuicidalityInstrument;
import org.protocolregistry.protocol.document.ProtocolDocument.SuicidalityTimepoint;
import org.protocolregistry.protocol.document.ProtocolDocument.VitalSignMeasure;
import org.protocolregistry.protocol.document.ProtocolDocument.VitalSignTimepoint;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** Safety monitoring: vital signs, ECG, suicidality, adverse events, oversight, stopping rules and pregnancy tests. */
final class SafetyMonitoringRules {

    private static final String VITAL_SIGNS = "/safetyMonitoring/vitalSigns";
    private static final String THRESHOLDS = VITAL_SIGNS + "/thresholds";
    private static final String ECG = "/safetyMonitoring/ecg";
    private static final String SUICIDALITY = "/safetyMonitoring/suicidality";
    private static final String ADVERSE_EVENTS = "/safetyMonitoring/adverseEvents";
    private static final String EXPEDITED = ADVERSE_EVENTS + "/expeditedReporting";
    private static final String DMC = "/safetyMonitoring/dataMonitoringCommittee";
    private static final String STOPPING_RULES = "/safetyMonitoring/stoppingRules";

    /** Vitals must be taken at least hourly while the effects peak (1–2 h after dosing). */
    static final int MAX_PEAK_INTERVAL_MINUTES = 60;

    /** The loosest QTc exclusion cut-off accepted without a warning. */
    static final int MAX_QTC_EXCLUSION_MS = 470;

    /** 21 CFR 312.32(c)(1): serious and unexpected suspected adverse reactions within 15 calendar days. */
    static final int MAX_SERIOUS_UNEXPECTED_DAYS = 15;

    /** 21 CFR 312.32(c)(2): fatal or life-threatening ones within 7 calendar days. */
    static final int MAX_FATAL_OR_LIFE_THREATENING_DAYS = 7;

    private static final List<VitalSignMeasure> REQUIRED_MEASURES =
            List.of(VitalSignMeasure.BLOOD_PRESSURE, VitalSignMeasure.HEART_RATE, VitalSignMeasure.BODY_TEMPERATURE);

    private static final List<SuicidalityTimepoint> REQUIRED_SUICIDALITY_TIMEPOINTS = List.of(
            SuicidalityTimepoint.BASELINE, SuicidalityTimepoint.AFTER_EACH_SESSION, SuicidalityTimepoint.FOLLOW_UP);

    private static final List<AdverseEventOfSpecialInterest> REQUIRED_SPECIAL_INTEREST = List.of(
            AdverseEventOfSpecialInterest.ABUSE_MISUSE, AdverseEventOfSpecialInterest.CARDIOVASCULAR,
            AdverseEventOfSpecialInterest.SUICIDALITY, AdverseEventOfSpecialInterest.PSYCHOSIS_MANIA,
            AdverseEventOfSpecialInterest.HYPONATREMIA, AdverseEventOfSpecialInterest.HYPERTHERMIA);

    static final Rule MON_001 = new Rule("MON-001", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "Blood pressure, heart rate and temperature are monitored",
            "vitalSigns.measures lacks any of BLOOD_PRESSURE, HEART_RATE, BODY_TEMPERATURE (one finding naming "
                    + "the missing ones).",
            "MAPP trials monitored all three.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var missing = Values.lacking(vitalSigns(document).measures(), REQUIRED_MEASURES);
            if (!missing.isEmpty()) {
                findings.report(this, Severity.ERROR, VITAL_SIGNS + "/measures",
                        "The vital-sign measures lack " + Values.names(missing) + "; add them: blood pressure, "
                                + "heart rate and body temperature must all be monitored during dosing sessions.");
            }
        }
    };

    static final Rule MON_002 = new Rule("MON-002", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "Vital signs are taken at the right times",
            "vitalSigns.timepoints lack PRE_DOSE or END_OF_SESSION, or PRE_SUPPLEMENTAL when a supplemental dose is "
                    + "planned (one finding naming the missing ones); intervalMinutesDuringPeak missing or over 60.",
            "Heart rate and blood pressure peak 1–2 h after dosing.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var vitalSigns = vitalSigns(document);
            var required = new ArrayList<>(List.of(VitalSignTimepoint.PRE_DOSE, VitalSignTimepoint.END_OF_SESSION));
            if (supplementalDosePlanned(document)) {
                required.add(VitalSignTimepoint.PRE_SUPPLEMENTAL);
            }
            var missing = Values.lacking(vitalSigns.timepoints(), required);
            if (!missing.isEmpty()) {
                findings.report(this, Severity.ERROR, VITAL_SIGNS + "/timepoints",
                        "The vital-sign timepoints lack " + Values.names(missing) + "; add them: vitals are needed "
                                + "before dosing, " + (required.contains(VitalSignTimepoint.PRE_SUPPLEMENTAL)
                                ? "before the planned supplemental dose " : "") + "and at the end of the session.");
            }
            var interval = vitalSigns.intervalMinutesDuringPeak();
            if (interval == null || interval > MAX_PEAK_INTERVAL_MINUTES) {
                findings.report(this, Severity.ERROR, VITAL_SIGNS + "/intervalMinutesDuringPeak",
                        (interval == null ? "The interval between vital-sign checks during the peak is missing"
                                : "Vital signs are checked every " + interval + " minutes during the peak")
                                + "; check them at least every " + MAX_PEAK_INTERVAL_MINUTES + " minutes while "
                                + "heart rate and blood pressure peak (1–2 h after dosing).");
            }
        }
    };

    static final Rule MON_003 = new Rule("MON-003", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "Vital-sign stop thresholds are stated",
            "Each of the systolic, diastolic, heart-rate and temperature thresholds that is missing (one finding "
                    + "each).",
            "A stop rule needs numbers (SPIRIT item 11b).", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            for (var limit : vitalSignLimits(document, thresholds)) {
                if (limit.value() == null) {
                    findings.report(this, Severity.ERROR, limit.path(),
                            "The " + limit.label() + " stop threshold is missing; state the " + limit.label()
                                    + " (in " + limit.unit() + ") at which a session is paused or treated.");
                }
            }
        }
    };

    static final Rule MON_004 = new Rule("MON-004", RuleCategory.SAFETY_MONITORING, Set.of(Severity.WARNING),
            "Vital-sign stop thresholds are conservative",
            "A stated stop threshold above its configured limit: systolic 160 mmHg, diastolic 110 mmHg, heart rate "
                    + "110 bpm, temperature 38.5 °C by default (one finding each).",
            "Conservative action limits for a sympathomimetic.",
            List.of(Thresholds.MAX_SYSTOLIC_MMHG, Thresholds.MAX_DIASTOLIC_MMHG, Thresholds.MAX_HEART_RATE_BPM,
                    Thresholds.MAX_TEMPERATURE_C)) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            for (var limit : vitalSignLimits(document, thresholds)) {
                if (limit.value() != null && limit.value().compareTo(limit.max()) > 0) {
                    findings.report(this, Severity.WARNING, limit.path(),
                            "The " + limit.label() + " stop threshold " + Values.number(limit.value()) + " "
                                    + limit.unit() + " is above the " + Values.number(limit.max()) + " " + limit.unit()
                                    + " limit; lower it to " + Values.number(limit.max()) + " " + limit.unit()
                                    + " or less, or justify it to the board.");
                }
            }
        }
    };

    static final Rule MON_005 = new Rule("MON-005", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "Baseline 12-lead ECG",
            "ecg.baselineTwelveLead is not true.",
            "MAPP1 excluded marked QT/QTc prolongation, which needs a baseline ECG.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var baseline = ecg(document).baselineTwelveLead();
            if (Values.isNotTrue(baseline)) {
                findings.report(this, Severity.ERROR, ECG + "/baselineTwelveLead",
                        "baselineTwelveLead is " + (baseline == null ? "not stated" : baseline) + "; record a "
                                + "12-lead ECG at screening so that QT/QTc prolongation can be excluded, and set it "
                                + "to true.");
            }
        }
    };

    static final Rule MON_006 = new Rule("MON-006", RuleCategory.SAFETY_MONITORING, Set.of(Severity.WARNING),
            "A QTc exclusion cut-off",
            "ecg.qtcExclusionMs is missing or over 470 ms.",
            "A stated QTc cut-off makes the exclusion checkable.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var qtc = ecg(document).qtcExclusionMs();
            if (qtc == null) {
                findings.report(this, Severity.WARNING, ECG + "/qtcExclusionMs",
                        "No QTc exclusion cut-off is stated; state the QTc in ms (at most " + MAX_QTC_EXCLUSION_MS
                                + " ms) above which a candidate is excluded.");
            } else if (qtc > MAX_QTC_EXCLUSION_MS) {
                findings.report(this, Severity.WARNING, ECG + "/qtcExclusionMs",
                        "The QTc exclusion cut-off " + qtc + " ms is above " + MAX_QTC_EXCLUSION_MS + " ms; lower it "
                                + "to " + MAX_QTC_EXCLUSION_MS + " ms or less, or justify it to the board.");
            }
        }
    };

    static final Rule MON_007 = new Rule("MON-007", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "Suicidality is assessed throughout",
            "suicidality.instrument missing or NONE; suicidality.timepoints lack any of BASELINE, "
                    + "AFTER_EACH_SESSION, FOLLOW_UP (one finding naming the missing ones).",
            "Suicidality was tracked with the C-SSRS throughout both phase 3 trials.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var suicidality = suicidality(document);
            var instrument = suicidality.instrument();
            if (instrument == null || instrument == SuicidalityInstrument.NONE) {
                findings.report(this, Severity.ERROR, SUICIDALITY + "/instrument",
                        (instrument == null ? "No suicidality instrument is stated" : "The suicidality instrument is "
                                + "NONE") + "; assess suicidality with a validated instrument, preferably the C-SSRS "
                                + "(C_SSRS).");
            }
            var missing = Values.lacking(suicidality.timepoints(), REQUIRED_SUICIDALITY_TIMEPOINTS);
            if (!missing.isEmpty()) {
                findings.report(this, Severity.ERROR, SUICIDALITY + "/timepoints",
                        "The suicidality timepoints lack " + Values.names(missing) + "; assess suicidality at "
                                + "baseline, after each session and at follow-up.");
            }
        }
    };

    static final Rule MON_008 = new Rule("MON-008", RuleCategory.SAFETY_MONITORING, Set.of(Severity.WARNING),
            "Suicidality instrument is the C-SSRS",
            "suicidality.instrument is PHQ9_ITEM9 or OTHER (a missing instrument or NONE is MON-007's).",
            "The C-SSRS is the validated standard.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var instrument = suicidality(document).instrument();
            if (instrument == SuicidalityInstrument.PHQ9_ITEM9 || instrument == SuicidalityInstrument.OTHER) {
                findings.report(this, Severity.WARNING, SUICIDALITY + "/instrument",
                        "The suicidality instrument is " + instrument + "; use the C-SSRS (C_SSRS), the validated "
                                + "standard, or justify the choice to the board.");
            }
        }
    };

    static final Rule MON_009 = new Rule("MON-009", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "Adverse events are collected, coded, graded and attributed",
            "adverseEvents.systematicCollection not true; coding missing or NONE; severityGrading missing or NONE; "
                    + "causalityAssessment not true (one finding each).",
            "SPIRIT 2013 item 22: how harms are collected, graded and attributed.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var events = adverseEvents(document);
            if (Values.isNotTrue(events.systematicCollection())) {
                findings.report(this, Severity.ERROR, ADVERSE_EVENTS + "/systematicCollection",
                        "systematicCollection is " + stated(events.systematicCollection()) + "; collect adverse "
                                + "events systematically at every visit and set it to true.");
            }
            var coding = events.coding();
            if (coding == null || coding == AdverseEventCoding.NONE) {
                findings.report(this, Severity.ERROR, ADVERSE_EVENTS + "/coding",
                        (coding == null ? "No adverse-event coding is stated" : "Adverse events are not coded (NONE)")
                                + "; code them with a dictionary, preferably MedDRA (MEDDRA).");
            }
            var grading = events.severityGrading();
            if (grading == null || grading == SeverityGrading.NONE) {
                findings.report(this, Severity.ERROR, ADVERSE_EVENTS + "/severityGrading",
                        (grading == null ? "No severity grading is stated" : "Adverse events are not graded (NONE)")
                                + "; grade their severity, e.g. with CTCAE.");
            }
            if (Values.isNotTrue(events.causalityAssessment())) {
                findings.report(this, Severity.ERROR, ADVERSE_EVENTS + "/causalityAssessment",
                        "causalityAssessment is " + stated(events.causalityAssessment()) + "; assess whether each "
                                + "adverse event is related to the study drug and set it to true.");
            }
        }
    };

    static final Rule MON_010 = new Rule("MON-010", RuleCategory.SAFETY_MONITORING, Set.of(Severity.WARNING),
            "Adverse events of special interest",
            "adverseEvents.specialInterest lacks any of ABUSE_MISUSE, CARDIOVASCULAR, SUICIDALITY, PSYCHOSIS_MANIA, "
                    + "HYPONATREMIA, HYPERTHERMIA (one finding naming the missing ones).",
            "The signals raised at the 2024 FDA advisory committee and in the literature.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var missing = Values.lacking(adverseEvents(document).specialInterest(), REQUIRED_SPECIAL_INTEREST);
            if (!missing.isEmpty()) {
                findings.report(this, Severity.WARNING, ADVERSE_EVENTS + "/specialInterest",
                        "The adverse events of special interest lack " + Values.names(missing) + "; add them so "
                                + "that these known MDMA risks are followed specifically.");
            }
        }
    };

    static final Rule MON_011 = new Rule("MON-011", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "IND expedited safety reporting",
            "When US rules apply: seriousUnexpectedDays missing or over 15; fatalOrLifeThreateningDays missing or "
                    + "over 7 (one finding each).",
            "21 CFR 312.32 IND safety reporting.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            if (!usRulesApply(document)) {
                return;
            }
            var reporting = expeditedReporting(document);
            checkDays(findings, EXPEDITED + "/seriousUnexpectedDays", "serious unexpected suspected adverse reactions",
                    reporting.seriousUnexpectedDays(), MAX_SERIOUS_UNEXPECTED_DAYS);
            checkDays(findings, EXPEDITED + "/fatalOrLifeThreateningDays",
                    "fatal or life-threatening suspected adverse reactions", reporting.fatalOrLifeThreateningDays(),
                    MAX_FATAL_OR_LIFE_THREATENING_DAYS);
        }

        private void checkDays(Findings findings, String path, String what, Integer days, int max) {
            if (days == null) {
                findings.report(this, Severity.ERROR, path,
                        "The reporting deadline for " + what + " is missing; under 21 CFR 312.32 (US) they are "
                                + "reported to FDA within " + max + " days. State it.");
            } else if (days > max) {
                findings.report(this, Severity.ERROR, path,
                        "The reporting deadline for " + what + " is " + days + " days, over the " + max + "-day "
                                + "limit of 21 CFR 312.32 (US); shorten it to " + max + " days or less.");
            }
        }
    };

    static final Rule MON_012 = new Rule("MON-012", RuleCategory.SAFETY_MONITORING,
            Set.of(Severity.ERROR, Severity.WARNING, Severity.INFO),
            "Data monitoring committee",
            "No committee and no justification: ERROR for phase 2/3 or 3, else WARNING when randomized, else INFO. "
                    + "A committee that is not independent or has no charter: WARNING at that field.",
            "SPIRIT item 21a; MAPP2 had an independent DMC.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var committee = dataMonitoringCommittee(document);
            if (Values.isNotTrue(committee.exists())) {
                if (Values.isMissing(committee.justificationIfNone())) {
                    var registration = registration(document);
                    var phase = registration.phase();
                    var severity = phase == Phase.PHASE_2_3 || phase == Phase.PHASE_3 ? Severity.ERROR
                            : registration.allocation() == Allocation.RANDOMIZED ? Severity.WARNING
                            : Severity.INFO;
                    var context = severity == Severity.ERROR ? " for a " + phase + " trial"
                            : severity == Severity.WARNING ? " for a randomized trial" : "";
                    findings.report(this, severity, DMC,
                            "No data monitoring committee is planned and no reason is given" + context + "; set up "
                                    + "an independent committee with a charter, or state in justificationIfNone why "
                                    + "none is needed.");
                }
                return;
            }
            if (Values.isNotTrue(committee.independent())) {
                findings.report(this, Severity.WARNING, DMC + "/independent",
                        "The data monitoring committee is not marked independent (independent is "
                                + stated(committee.independent()) + "); its members should be independent of the "
                                + "sponsor and investigators. Make it independent and set it to true.");
            }
            if (Values.isNotTrue(committee.charter())) {
                findings.report(this, Severity.WARNING, DMC + "/charter",
                        "The data monitoring committee has no charter on record (charter is "
                                + stated(committee.charter()) + "); give the committee a written charter and set it "
                                + "to true.");
            }
        }
    };

    static final Rule MON_013 = new Rule("MON-013", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "Participant stopping rules",
            "stoppingRules.participant is missing (no non-blank entry).",
            "SPIRIT item 11b.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            if (Values.isMissingText(stoppingRules(document).participant())) {
                findings.report(this, Severity.ERROR, STOPPING_RULES + "/participant",
                        "No participant stopping rules are stated; list the criteria (vital-sign limits, serious "
                                + "adverse events, a positive pregnancy test) for which a participant stops dosing.");
            }
        }
    };

    static final Rule MON_014 = new Rule("MON-014", RuleCategory.SAFETY_MONITORING, Set.of(Severity.WARNING),
            "Trial stopping rules",
            "stoppingRules.trial is missing (no non-blank entry).",
            "SPIRIT item 21b; missing from about half of submitted protocols.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            if (Values.isMissingText(stoppingRules(document).trial())) {
                findings.report(this, Severity.WARNING, STOPPING_RULES + "/trial",
                        "No trial stopping rules are stated; list the criteria (for example related serious "
                                + "adverse events) for which the whole trial is paused or stopped.");
            }
        }
    };

    static final Rule MON_015 = new Rule("MON-015", RuleCategory.SAFETY_MONITORING, Set.of(Severity.ERROR),
            "Pregnancy test before each session",
            "pregnancyTesting is not BEFORE_EACH_SESSION.",
            "MAPP tested before every dosing session.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var testing = safetyMonitoring(document).pregnancyTesting();
            if (testing != PregnancyTesting.BEFORE_EACH_SESSION) {
                findings.report(this, Severity.ERROR, "/safetyMonitoring/pregnancyTesting",
                        (testing == null ? "Pregnancy testing is not stated" : "Pregnancy testing is " + testing)
                                + "; test participants who could become pregnant before each dosing session "
                                + "(BEFORE_EACH_SESSION).");
            }
        }
    };

    private SafetyMonitoringRules() {
    }

    static List<Rule> all() {
        return List.of(MON_001, MON_002, MON_003, MON_004, MON_005, MON_006, MON_007, MON_008, MON_009, MON_010,
                MON_011, MON_012, MON_013, MON_014, MON_015);
    }

    /** One vital-sign stop threshold with its configured upper limit. */
    private record VitalSignLimit(String path, String label, String unit, BigDecimal value, BigDecimal max) {
    }

    /** The four stop thresholds in catalogue order. */
    private static List<VitalSignLimit> vitalSignLimits(ProtocolDocument document, Thresholds thresholds) {
        var stated = vitalSignThresholds(document);
        return List.of(
                new VitalSignLimit(THRESHOLDS + "/systolicMmHg", "systolic blood pressure", "mmHg",
                        stated.systolicMmHg(), thresholds.maxSystolicMmHg()),
                new VitalSignLimit(THRESHOLDS + "/diastolicMmHg", "diastolic blood pressure", "mmHg",
                        stated.diastolicMmHg(), thresholds.maxDiastolicMmHg()),
                new VitalSignLimit(THRESHOLDS + "/heartRateBpm", "heart rate", "bpm",
                        stated.heartRateBpm(), thresholds.maxHeartRateBpm()),
                new VitalSignLimit(THRESHOLDS + "/temperatureC", "body temperature", "°C",
                        stated.temperatureC(), thresholds.maxTemperatureC()));
    }

    /** "Supplemental dose planned": supplementalDoseMg present and above 0. */
    private static boolean supplementalDosePlanned(ProtocolDocument document) {
        var supplemental = dosing(document).supplementalDoseMg();
        return supplemental != null && supplemental.signum() > 0;
    }

    /** "US rules apply": the jurisdictions contain exactly "US"; registration.countries does not count. */
    private static boolean usRulesApply(ProtocolDocument document) {
        return set(regulatory(document).jurisdictions()).contains("US");
    }

    private static String stated(Boolean value) {
        return value == null ? "not stated" : String.valueOf(value);
    }
}
