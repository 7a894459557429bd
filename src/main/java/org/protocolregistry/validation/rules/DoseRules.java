package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.dosing;
import static org.protocolregistry.validation.rules.Sections.eligibility;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** The dose rules (DOSE-001 to DOSE-010): amount, form, supplement, session total, sessions and dose per kg. */
final class DoseRules {

    private static final String INITIAL_DOSE = "/dosing/initialDoseMg";
    private static final String SALT_FORM = "/dosing/saltForm";
    private static final String SUPPLEMENTAL_DOSE = "/dosing/supplementalDoseMg";
    private static final String SUPPLEMENTAL_DELAY = "/dosing/supplementalDelayMinutes";
    private static final String MAX_SESSION_TOTAL = "/dosing/maxSessionTotalMg";
    private static final String HOLD_CRITERIA = "/dosing/supplementalHoldCriteria";
    private static final String SESSION_COUNT = "/dosing/sessionCount";
    private static final String MIN_INTERVAL = "/dosing/minIntervalDays";
    private static final String MIN_WEIGHT = "/eligibility/minWeightKg";

    /** "> 0.5 × initial" is checked as "2 × supplemental > initial": doubling never changes a scale. */
    private static final BigDecimal SUPPLEMENT_RATIO_DIVISOR = BigDecimal.valueOf(2);
    private static final int MIN_SUPPLEMENTAL_DELAY_MINUTES = 90;
    private static final int MAX_SUPPLEMENTAL_DELAY_MINUTES = 150;
    private static final int MIN_SESSIONS = 1;
    private static final int MAX_SESSIONS = 3;
    private static final int MIN_INTERVAL_DAYS = 7;
    private static final int RECOMMENDED_INTERVAL_DAYS = 21;

    /** Up to this scale gap an exact sum stays small; beyond it only absurd exponents remain. */
    private static final long EXACT_SUM_MAX_SCALE_GAP = 10_000;
    /**
     * Rounding a quotient up (away from zero, and both operands are positive) keeps "ratio > limit" exact for any
     * limit of up to 34 digits: the rounded ratio exceeds the limit exactly when the true ratio does.
     */
    private static final MathContext RATIO_UP = new MathContext(34, RoundingMode.UP);
    private static final MathContext SHOWN_RATIO = new MathContext(3, RoundingMode.UP);

    static final Rule DOSE_001 = new Rule("DOSE-001", RuleCategory.DOSE, Set.of(Severity.ERROR),
            "The initial dose is stated",
            "dosing.initialDoseMg is missing or not above 0.",
            "No dose, no safety review (SPIRIT 2013 item 11a).", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var initial = dosing(document).initialDoseMg();
            if (initial == null) {
                findings.report(this, Severity.ERROR, INITIAL_DOSE,
                        "The initial dose is missing; state initialDoseMg, the first dose of each session in mg, "
                                + "so that the board can review it.");
            } else if (initial.signum() <= 0) {
                findings.report(this, Severity.ERROR, INITIAL_DOSE,
                        "The initial dose is " + Values.number(initial) + " mg; state the dose actually given, a positive "
                                + "amount in mg.");
            }
        }
    };

    static final Rule DOSE_002 = new Rule("DOSE-002", RuleCategory.DOSE, Set.of(Severity.WARNING),
            "The salt form is stated",
            "dosing.saltForm is missing.",
            "Trial doses are stated as the hydrochloride salt; an unstated form makes the amount ambiguous.",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            if (dosing(document).saltForm() == null) {
                findings.report(this, Severity.WARNING, SALT_FORM,
                        "The salt form is missing; state HYDROCHLORIDE (the form trial doses are stated in) or "
                                + "FREE_BASE, so that the amount in mg is unambiguous.");
            }
        }
    };

    static final Rule DOSE_003 = new Rule("DOSE-003", RuleCategory.DOSE, Set.of(Severity.ERROR, Severity.WARNING),
            "The initial dose is within the doses studied",
            "dosing.initialDoseMg is above the maximum studied initial dose (ERROR), or above the phase 3 dose "
                    + "and at most that maximum (WARNING).",
            "Largest initial doses studied: 125 mg (MAPS phase 2), 120 mg (phase 3 MAPP1/MAPP2).",
            List.of(Thresholds.MAX_INITIAL_DOSE_MG, Thresholds.WARN_INITIAL_DOSE_MG)) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var initial = dosing(document).initialDoseMg();
            if (initial == null) {
                return;
            }
            var max = thresholds.maxInitialDoseMg();
            var warn = thresholds.warnInitialDoseMg();
            if (initial.compareTo(max) > 0) {
                findings.report(this, Severity.ERROR, INITIAL_DOSE,
                        "The initial dose " + Values.number(initial) + " mg exceeds the " + Values.number(max) + " mg maximum studied "
                                + "in MDMA-assisted therapy trials; lower it to " + Values.number(max) + " mg or less.");
            } else if (initial.compareTo(warn) > 0) {
                findings.report(this, Severity.WARNING, INITIAL_DOSE,
                        "The initial dose " + Values.number(initial) + " mg is above the " + Values.number(warn) + " mg given in "
                                + "the phase 3 trials (maximum studied " + Values.number(max) + " mg); lower it to "
                                + Values.number(warn) + " mg or justify it to the board.");
            }
        }
    };

    static final Rule DOSE_004 = new Rule("DOSE-004", RuleCategory.DOSE, Set.of(Severity.ERROR, Severity.WARNING),
            "The supplemental dose is at most half the initial dose",
            "dosing.supplementalDoseMg is negative or above the initial dose (ERROR), or above half the initial "
                    + "dose and at most the initial dose (WARNING); no finding when the initial dose is missing.",
            "Every MAPS protocol used a half-dose supplement; MDMA inhibits its own clearance (CYP2D6), so extra "
                    + "doses raise exposure more than proportionally.",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var dosing = dosing(document);
            var supplemental = dosing.supplementalDoseMg();
            var initial = dosing.initialDoseMg();
            if (supplemental == null || initial == null) {
                return; // "no finding when the initial dose is missing"; DOSE-001 reports it
            }
            if (supplemental.signum() < 0) {
                findings.report(this, Severity.ERROR, SUPPLEMENTAL_DOSE,
                        "The supplemental dose is " + Values.number(supplemental) + " mg, a negative amount; state the dose "
                                + "given (half the initial dose in MAPS protocols), or leave it out when no "
                                + "supplement is given.");
            } else if (supplemental.compareTo(initial) > 0) {
                findings.report(this, Severity.ERROR, SUPPLEMENTAL_DOSE,
                        "The supplemental dose " + Values.number(supplemental) + " mg exceeds the initial dose "
                                + Values.number(initial) + " mg; lower it to at most half the initial dose, as in every "
                                + "MAPS protocol.");
            } else if (supplemental.multiply(SUPPLEMENT_RATIO_DIVISOR).compareTo(initial) > 0) {
                findings.report(this, Severity.WARNING, SUPPLEMENTAL_DOSE,
                        "The supplemental dose " + Values.number(supplemental) + " mg is more than half the initial dose "
                                + Values.number(initial) + " mg; MDMA inhibits its own clearance, so lower it to half the "
                                + "initial dose or justify it to the board.");
            }
        }
    };

    static final Rule DOSE_005 = new Rule("DOSE-005", RuleCategory.DOSE, Set.of(Severity.WARNING),
            "The supplemental dose is timed as in the trials",
            "A supplemental dose is planned and dosing.supplementalDelayMinutes is missing or outside 90–150 "
                    + "minutes.",
            "MAPP1 gave it 1.5–2.5 h after the first dose; MAPP2 1.5–2 h.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var dosing = dosing(document);
            if (!supplementPlanned(dosing)) {
                return;
            }
            var delay = dosing.supplementalDelayMinutes();
            if (delay == null) {
                findings.report(this, Severity.WARNING, SUPPLEMENTAL_DELAY,
                        "A supplemental dose of " + Values.number(dosing.supplementalDoseMg()) + " mg is planned but its "
                                + "delay is missing; state supplementalDelayMinutes, " + delayWindow() + " after "
                                + "the initial dose as in MAPP1 and MAPP2.");
            } else if (delay < MIN_SUPPLEMENTAL_DELAY_MINUTES || delay > MAX_SUPPLEMENTAL_DELAY_MINUTES) {
                findings.report(this, Severity.WARNING, SUPPLEMENTAL_DELAY,
                        "The supplemental dose is planned " + delay + " minutes after the initial dose, outside the "
                                + delayWindow() + " used in MAPP1 and MAPP2; move it into that window or justify "
                                + "it to the board.");
            }
        }
    };

    static final Rule DOSE_006 = new Rule("DOSE-006", RuleCategory.DOSE, Set.of(Severity.ERROR),
            "The session total is consistent and within the phase 3 maximum",
            "dosing.maxSessionTotalMg is below the initial plus supplemental dose; otherwise the larger of the "
                    + "stated maximum and that sum is above the per-session maximum. A missing dose counts as 0.",
            "180 mg per session is the phase 3 maximum.", List.of(Thresholds.MAX_SESSION_TOTAL_MG)) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var dosing = dosing(document);
            var stated = dosing.maxSessionTotalMg();
            var sum = sum(orZero(dosing.initialDoseMg()), orZero(dosing.supplementalDoseMg()));
            var limit = thresholds.maxSessionTotalMg();
            if (stated != null && stated.compareTo(sum) < 0) {
                findings.report(this, Severity.ERROR, MAX_SESSION_TOTAL,
                        "The stated session maximum " + Values.number(stated) + " mg is less than the initial plus "
                                + "supplemental dose, " + Values.number(sum) + " mg; correct the maximum or the doses.");
            } else if (stated != null && stated.compareTo(limit) > 0) {
                // stated ≥ sum here, so the stated maximum is the larger of the two
                findings.report(this, Severity.ERROR, MAX_SESSION_TOTAL,
                        "The session maximum " + Values.number(stated) + " mg exceeds the " + Values.number(limit) + " mg per "
                                + "session given in phase 3; lower it, and the doses, to at most " + Values.number(limit)
                                + " mg.");
            } else if (stated == null && sum.compareTo(limit) > 0) {
                findings.report(this, Severity.ERROR, MAX_SESSION_TOTAL,
                        "The initial and supplemental doses come to " + Values.number(sum) + " mg per session, above the "
                                + Values.number(limit) + " mg given in phase 3; lower the doses to at most " + Values.number(limit)
                                + " mg in total and state maxSessionTotalMg.");
            }
        }
    };

    static final Rule DOSE_007 = new Rule("DOSE-007", RuleCategory.DOSE, Set.of(Severity.WARNING),
            "A planned supplement has hold criteria",
            "A supplemental dose is planned and dosing.supplementalHoldCriteria is missing.",
            "Supplements were given \"unless contraindicated\"; vitals were checked first.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var dosing = dosing(document);
            if (supplementPlanned(dosing) && Values.isMissingText(dosing.supplementalHoldCriteria())) {
                findings.report(this, Severity.WARNING, HOLD_CRITERIA,
                        "A supplemental dose of " + Values.number(dosing.supplementalDoseMg()) + " mg is planned but no "
                                + "hold criteria are stated; list when it is withheld, e.g. blood pressure or heart "
                                + "rate above the stop limits at the check before it, or the participant declines.");
            }
        }
    };

    static final Rule DOSE_008 = new Rule("DOSE-008", RuleCategory.DOSE, Set.of(Severity.ERROR, Severity.WARNING),
            "The number of dosing sessions is 1 to 3",
            "dosing.sessionCount is missing or below 1 (ERROR), or above 3 (WARNING).",
            "No phase 3 programme went past 3 dosing sessions.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var sessions = dosing(document).sessionCount();
            if (sessions == null) {
                findings.report(this, Severity.ERROR, SESSION_COUNT,
                        "The number of dosing sessions is missing; state sessionCount, from " + MIN_SESSIONS
                                + " to " + MAX_SESSIONS + ".");
            } else if (sessions < MIN_SESSIONS) {
                findings.report(this, Severity.ERROR, SESSION_COUNT,
                        "The number of dosing sessions is " + sessions + "; state at least " + MIN_SESSIONS
                                + " (at most " + MAX_SESSIONS + " as in phase 3).");
            } else if (sessions > MAX_SESSIONS) {
                findings.report(this, Severity.WARNING, SESSION_COUNT,
                        sessions + " dosing sessions are planned, but no phase 3 programme went past "
                                + MAX_SESSIONS + "; reduce them to " + MAX_SESSIONS + " or justify the extra "
                                + "sessions to the board.");
            }
        }
    };

    static final Rule DOSE_009 = new Rule("DOSE-009", RuleCategory.DOSE, Set.of(Severity.ERROR, Severity.WARNING),
            "Dosing sessions are far enough apart",
            "With more than one dosing session, dosing.minIntervalDays is missing or below 7 days (ERROR), or "
                    + "from 7 to under 21 days (WARNING).",
            "Sessions were 3–5 weeks apart in MAPS trials.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var dosing = dosing(document);
            var sessions = dosing.sessionCount();
            if (sessions == null || sessions <= 1) {
                return;
            }
            var interval = dosing.minIntervalDays();
            if (interval == null) {
                findings.report(this, Severity.ERROR, MIN_INTERVAL,
                        sessions + " dosing sessions are planned but the minimum interval between them is "
                                + "missing; state minIntervalDays, at least " + RECOMMENDED_INTERVAL_DAYS
                                + " days (MAPS sessions were 3–5 weeks apart) and never under "
                                + MIN_INTERVAL_DAYS + ".");
            } else if (interval < MIN_INTERVAL_DAYS) {
                findings.report(this, Severity.ERROR, MIN_INTERVAL,
                        "Dosing sessions may be only " + interval + " days apart, under the " + MIN_INTERVAL_DAYS
                                + "-day minimum; space them at least " + RECOMMENDED_INTERVAL_DAYS
                                + " days apart as in MAPS trials (3–5 weeks).");
            } else if (interval < RECOMMENDED_INTERVAL_DAYS) {
                findings.report(this, Severity.WARNING, MIN_INTERVAL,
                        "Dosing sessions may be " + interval + " days apart, closer than the 3–5 weeks of MAPS "
                                + "trials; lengthen the interval to at least " + RECOMMENDED_INTERVAL_DAYS
                                + " days or justify it to the board.");
            }
        }
    };

    static final Rule DOSE_010 = new Rule("DOSE-010", RuleCategory.DOSE, Set.of(Severity.WARNING),
            "The dose per kg of the lightest participant is within limits",
            "eligibility.minWeightKg is missing or not above 0 (at the weight); otherwise the initial dose divided "
                    + "by the minimum weight is above the mg/kg limit (at the dose).",
            "Laboratory doses were about 1.0–1.7 mg/kg; a fixed dose in a light participant can exceed that.",
            List.of(Thresholds.MAX_MG_PER_KG)) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var weight = eligibility(document).minWeightKg();
            var initial = dosing(document).initialDoseMg();
            var limit = thresholds.maxMgPerKg();
            if (weight == null) {
                findings.report(this, Severity.WARNING, MIN_WEIGHT,
                        "The minimum participant weight is missing; state minWeightKg so that the initial dose "
                                + "per kg can be checked against the " + Values.number(limit) + " mg/kg limit (laboratory "
                                + "doses were about 1.0–1.7 mg/kg).");
            } else if (weight.signum() <= 0) {
                findings.report(this, Severity.WARNING, MIN_WEIGHT,
                        "The minimum participant weight is " + Values.number(weight) + " kg; state a positive weight in "
                                + "kg so that the initial dose per kg can be checked against the " + Values.number(limit)
                                + " mg/kg limit.");
            } else if (initial != null && initial.signum() > 0) {
                reportDosePerKg(this, initial, weight, limit, findings);
            }
        }
    };

    private DoseRules() {
    }

    static List<Rule> all() {
        return List.of(DOSE_001, DOSE_002, DOSE_003, DOSE_004, DOSE_005, DOSE_006, DOSE_007, DOSE_008, DOSE_009,
                DOSE_010);
    }

    /** The catalogue's "supplemental dose planned": present and above 0. */
    private static boolean supplementPlanned(ProtocolDocument.Dosing dosing) {
        var supplemental = dosing.supplementalDoseMg();
        return supplemental != null && supplemental.signum() > 0;
    }

    private static String delayWindow() {
        return MIN_SUPPLEMENTAL_DELAY_MINUTES + "–" + MAX_SUPPLEMENTAL_DELAY_MINUTES + " minutes";
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /**
     * Exact unless the scales are absurdly far apart (say 1e300 and 1e-300000000), where an exact sum would
     * need millions of digits; then it is rounded to 34 digits, which cannot change a comparison with a
     * realistic dose.
     */
    private static BigDecimal sum(BigDecimal a, BigDecimal b) {
        if (Math.abs((long) a.scale() - b.scale()) <= EXACT_SUM_MAX_SCALE_GAP) {
            return a.add(b);
        }
        return a.add(b, MathContext.DECIMAL128);
    }

    /** DOSE-010's second band; dose and weight are both positive here. */
    private static void reportDosePerKg(Rule rule, BigDecimal initial, BigDecimal weight, BigDecimal limit,
            Findings findings) {
        BigDecimal ratio;
        BigDecimal shown;
        try {
            ratio = initial.divide(weight, RATIO_UP);
            shown = ratio.round(SHOWN_RATIO);
        } catch (ArithmeticException beyondRange) {
            // Only exponents near the limits of BigDecimal get here; the quotient is then astronomically large
            // (the dose has the larger magnitude) or vanishingly small.
            if (initial.compareTo(weight) > 0) {
                findings.report(rule, Severity.WARNING, INITIAL_DOSE,
                        "The initial dose " + Values.number(initial) + " mg for a participant of the minimum weight "
                                + Values.number(weight) + " kg is far above the " + Values.number(limit) + " mg/kg limit; raise "
                                + "the minimum weight or lower the dose.");
            }
            return;
        }
        if (ratio.compareTo(limit) > 0) {
            findings.report(rule, Severity.WARNING, INITIAL_DOSE,
                    "The initial dose " + Values.number(initial) + " mg is " + Values.number(shown) + " mg/kg "
                            + "for a participant of the minimum weight " + Values.number(weight) + " kg, above the "
                            + Values.number(limit) + " mg/kg limit (laboratory doses were about 1.0–1.7 mg/kg); raise the "
                            + "minimum weight, lower the dose or dose by body weight, or justify it to the board.");
        }
    }
}
