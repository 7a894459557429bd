package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.condition;
import static org.protocolregistry.validation.rules.Sections.eligibility;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.Exclusion;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** Eligibility rules (ELIG-001 to ELIG-009): who may be enrolled in an MDMA-assisted therapy trial. */
final class EligibilityRules {

    static final int MIN_AGE_YEARS = 18;
    static final int MIN_CONTRACEPTION_DAYS = 10;
    static final int MIN_PAIN_DURATION_MONTHS = 3;
    static final BigDecimal PAIN_NRS_LOWEST = BigDecimal.ZERO;
    static final BigDecimal PAIN_NRS_HIGHEST = BigDecimal.TEN;

    private static final String EXCLUSIONS = "/eligibility/exclusions";

    static final Rule ELIG_001 = new Rule("ELIG-001", RuleCategory.ELIGIBILITY, Set.of(Severity.ERROR),
            "Adults only",
            "eligibility.minAge is missing or below 18.",
            "All MDMA trials enrolled adults.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var minAge = eligibility(document).minAge();
            if (minAge == null) {
                findings.report(this, Severity.ERROR, "/eligibility/minAge",
                        "The minimum age is missing; state it and set it to at least " + MIN_AGE_YEARS
                                + " years: all MDMA trials enrolled adults.");
            } else if (minAge < MIN_AGE_YEARS) {
                findings.report(this, Severity.ERROR, "/eligibility/minAge",
                        "The minimum age " + minAge + " years is below " + MIN_AGE_YEARS
                                + "; raise it to at least " + MIN_AGE_YEARS + ": all MDMA trials enrolled adults.");
            }
        }
    };

    static final Rule ELIG_002 = new Rule("ELIG-002", RuleCategory.ELIGIBILITY, Set.of(Severity.ERROR),
            "Psychotic and bipolar I disorders are excluded",
            "eligibility.exclusions lacks PSYCHOTIC_DISORDER or BIPOLAR_I; one finding names every missing code.",
            "MAPP exclusions; Johnson et al. 2008.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            reportLacking(this, Severity.ERROR, document, findings,
                    List.of(Exclusion.PSYCHOTIC_DISORDER, Exclusion.BIPOLAR_I),
                    "MDMA can precipitate psychosis and mania (MAPP exclusions)");
        }
    };

    static final Rule ELIG_003 = new Rule("ELIG-003", RuleCategory.ELIGIBILITY, Set.of(Severity.ERROR),
            "Cardiovascular conditions are excluded",
            "eligibility.exclusions lacks any of UNCONTROLLED_HYPERTENSION, ARRHYTHMIA_HISTORY, QTC_PROLONGATION "
                    + "and CARDIOVASCULAR_DISEASE; one finding names every missing code.",
            "Sympathomimetic cardiovascular risk (MAPP1).", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            reportLacking(this, Severity.ERROR, document, findings,
                    List.of(Exclusion.UNCONTROLLED_HYPERTENSION, Exclusion.ARRHYTHMIA_HISTORY,
                            Exclusion.QTC_PROLONGATION, Exclusion.CARDIOVASCULAR_DISEASE),
                    "MDMA is a sympathomimetic that raises blood pressure and heart rate (MAPP1)");
        }
    };

    static final Rule ELIG_004 = new Rule("ELIG-004", RuleCategory.ELIGIBILITY, Set.of(Severity.ERROR),
            "Pregnancy and lactation are excluded",
            "eligibility.exclusions lacks PREGNANCY_OR_LACTATION.",
            "MAPP criteria.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            reportLacking(this, Severity.ERROR, document, findings, List.of(Exclusion.PREGNANCY_OR_LACTATION),
                    "the MAPP criteria excluded pregnant and lactating participants");
        }
    };

    static final Rule ELIG_005 = new Rule("ELIG-005", RuleCategory.ELIGIBILITY, Set.of(Severity.WARNING),
            "Contraception lasts at least 10 days after the last dose",
            "eligibility.contraceptionDaysAfterLastDose is missing or below 10.",
            "MAPP required contraception until 10 days after the last session.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var days = eligibility(document).contraceptionDaysAfterLastDose();
            if (days == null) {
                findings.report(this, Severity.WARNING, "/eligibility/contraceptionDaysAfterLastDose",
                        "The contraception period after the last dose is missing; require contraception for at least "
                                + MIN_CONTRACEPTION_DAYS + " days after the last dosing session, as MAPP did.");
            } else if (days < MIN_CONTRACEPTION_DAYS) {
                findings.report(this, Severity.WARNING, "/eligibility/contraceptionDaysAfterLastDose",
                        "Contraception is required for " + days + " days after the last dose, fewer than the "
                                + MIN_CONTRACEPTION_DAYS + " days MAPP required; extend it to at least "
                                + MIN_CONTRACEPTION_DAYS + " days.");
            }
        }
    };

    static final Rule ELIG_006 = new Rule("ELIG-006", RuleCategory.ELIGIBILITY, Set.of(Severity.ERROR),
            "Current substance use disorder is excluded",
            "eligibility.exclusions lacks CURRENT_SUBSTANCE_USE_DISORDER.",
            "MAPP exclusion; abuse potential.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            reportLacking(this, Severity.ERROR, document, findings,
                    List.of(Exclusion.CURRENT_SUBSTANCE_USE_DISORDER),
                    "MDMA has abuse potential and MAPP excluded current substance use disorders");
        }
    };

    static final Rule ELIG_007 = new Rule("ELIG-007", RuleCategory.ELIGIBILITY, Set.of(Severity.WARNING),
            "Further known risks are excluded",
            "eligibility.exclusions lacks any of IMMINENT_SUICIDE_RISK, HEPATIC_IMPAIRMENT, HYPONATREMIA_HISTORY "
                    + "and HYPERTHERMIA_HISTORY; one finding names every missing code.",
            "Further known risks of MDMA.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            reportLacking(this, Severity.WARNING, document, findings,
                    List.of(Exclusion.IMMINENT_SUICIDE_RISK, Exclusion.HEPATIC_IMPAIRMENT,
                            Exclusion.HYPONATREMIA_HISTORY, Exclusion.HYPERTHERMIA_HISTORY),
                    "these are further known risks of MDMA");
        }
    };

    static final Rule ELIG_008 = new Rule("ELIG-008", RuleCategory.ELIGIBILITY, Set.of(Severity.WARNING),
            "The chronic pain population is defined",
            "condition.diagnosticCriteria is missing; condition.minDurationMonths is missing or below 3; "
                    + "condition.minBaselinePainNrs is missing or outside 0-10. One finding per field at fault.",
            "Chronic pain means pain for more than 3 months (IASP); IMMPACT asks for a defined population.",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var condition = condition(document);
            if (Values.isMissing(condition.diagnosticCriteria())) {
                findings.report(this, Severity.WARNING, "/condition/diagnosticCriteria",
                        "The diagnostic criteria are missing; name the criteria that define the population "
                                + "(e.g. a published classification), as IMMPACT asks.");
            }
            var months = condition.minDurationMonths();
            if (months == null) {
                findings.report(this, Severity.WARNING, "/condition/minDurationMonths",
                        "The minimum pain duration is missing; require pain for at least " + MIN_PAIN_DURATION_MONTHS
                                + " months, the IASP definition of chronic pain.");
            } else if (months < MIN_PAIN_DURATION_MONTHS) {
                findings.report(this, Severity.WARNING, "/condition/minDurationMonths",
                        "The minimum pain duration of " + months + " months is shorter than the "
                                + MIN_PAIN_DURATION_MONTHS + " months that define chronic pain (IASP); raise it to "
                                + "at least " + MIN_PAIN_DURATION_MONTHS + ".");
            }
            var pain = condition.minBaselinePainNrs();
            if (pain == null) {
                findings.report(this, Severity.WARNING, "/condition/minBaselinePainNrs",
                        "The minimum baseline pain score is missing; state it on the " + Values.number(PAIN_NRS_LOWEST)
                                + "-" + Values.number(PAIN_NRS_HIGHEST) + " numeric rating scale.");
            } else if (pain.compareTo(PAIN_NRS_LOWEST) < 0 || pain.compareTo(PAIN_NRS_HIGHEST) > 0) {
                findings.report(this, Severity.WARNING, "/condition/minBaselinePainNrs",
                        "The minimum baseline pain score " + Values.number(pain) + " is outside the "
                                + Values.number(PAIN_NRS_LOWEST) + "-" + Values.number(PAIN_NRS_HIGHEST)
                                + " numeric rating scale; state a score between " + Values.number(PAIN_NRS_LOWEST)
                                + " and " + Values.number(PAIN_NRS_HIGHEST) + ".");
            }
        }
    };

    static final Rule ELIG_009 = new Rule("ELIG-009", RuleCategory.ELIGIBILITY, Set.of(Severity.ERROR),
            "The age range is consistent",
            "Both eligibility.minAge and eligibility.maxAge are present and maxAge is below minAge.",
            "Inconsistent document.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var eligibility = eligibility(document);
            var minAge = eligibility.minAge();
            var maxAge = eligibility.maxAge();
            if (minAge != null && maxAge != null && maxAge < minAge) {
                findings.report(this, Severity.ERROR, "/eligibility/maxAge",
                        "The maximum age " + maxAge + " years is below the minimum age " + minAge
                                + " years, so nobody is eligible; correct one of them.");
            }
        }
    };

    private EligibilityRules() {
    }

    static List<Rule> all() {
        return List.of(ELIG_001, ELIG_002, ELIG_003, ELIG_004, ELIG_005, ELIG_006, ELIG_007, ELIG_008, ELIG_009);
    }

    /** One finding at the exclusions list naming every required code it lacks. */
    private static void reportLacking(Rule rule, Severity severity, ProtocolDocument document, Findings findings,
            List<Exclusion> required, String why) {
        var missing = Values.lacking(eligibility(document).exclusions(), required);
        if (missing.isEmpty()) {
            return;
        }
        var noun = missing.size() == 1 ? "that exclusion" : "those exclusions";
        findings.report(rule, severity, EXCLUSIONS, "The eligibility exclusions lack " + Values.names(missing)
                + "; add " + noun + ": " + why + ".");
    }
}
