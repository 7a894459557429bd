package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.consent;
import static org.protocolregistry.validation.rules.Sections.ethics;
import static org.protocolregistry.validation.rules.Sections.ind;
import static org.protocolregistry.validation.rules.Sections.registration;
import static org.protocolregistry.validation.rules.Sections.regulatory;
import static org.protocolregistry.validation.rules.Sections.scheduleI;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.Allocation;
import org.protocolregistry.protocol.document.ProtocolDocument.ConsentRisk;
import org.protocolregistry.protocol.document.ProtocolDocument.EthicsApprovalStatus;
import org.protocolregistry.protocol.document.ProtocolDocument.IndStatus;
import org.protocolregistry.protocol.document.ProtocolDocument.Masking;
import org.protocolregistry.protocol.document.ProtocolDocument.OverallStatus;
import org.protocolregistry.protocol.document.ProtocolDocument.Phase;
import org.protocolregistry.protocol.document.ProtocolDocument.PrimaryPurpose;
import org.protocolregistry.protocol.document.ProtocolDocument.Registration;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** Registration and regulatory: PRS data elements, US IND and Schedule I duties, ethics approval and consent. */
final class RegistrationRules {

    /** The jurisdiction code that switches on the US rules (compared exactly). */
    private static final String US = "US";

    /** ClinicalTrials.gov PRS length limits, in code points, in catalogue order. */
    private static final List<TextLimit> PRS_LENGTH_LIMITS = List.of(
            new TextLimit("orgStudyId", 30, Registration::orgStudyId),
            new TextLimit("briefTitle", 300, Registration::briefTitle),
            new TextLimit("officialTitle", 600, Registration::officialTitle),
            new TextLimit("acronym", 14, Registration::acronym));

    private static final int MIN_PLANNED_ENROLLMENT = 1;

    private static final Set<IndStatus> IND_IN_EFFECT = EnumSet.of(IndStatus.SUBMITTED, IndStatus.ACTIVE);

    private static final Set<OverallStatus> PAST_RECRUITMENT_START = EnumSet.of(
            OverallStatus.RECRUITING, OverallStatus.ENROLLING_BY_INVITATION, OverallStatus.ACTIVE_NOT_RECRUITING,
            OverallStatus.COMPLETED, OverallStatus.SUSPENDED, OverallStatus.TERMINATED);

    private static final List<ConsentRisk> REQUIRED_CONSENT_RISKS = List.of(
            ConsentRisk.CARDIOVASCULAR, ConsentRisk.HYPONATREMIA, ConsentRisk.ABUSE_POTENTIAL,
            ConsentRisk.PSYCHOLOGICAL_DISTRESS);

    static final Rule REG_001 = new Rule("REG-001", RuleCategory.REGISTRATION_AND_REGULATORY, Set.of(Severity.ERROR),
            "Registration texts fit the PRS limits",
            "orgStudyId is over 30, briefTitle over 300, officialTitle over 600 or acronym over 14 characters "
                    + "(Unicode code points); each is a finding of its own.",
            "ClinicalTrials.gov PRS limits.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var registration = registration(document);
            for (var limit : PRS_LENGTH_LIMITS) {
                var text = limit.value().apply(registration);
                if (text == null) {
                    continue;
                }
                var length = Values.codePoints(text);
                if (length > limit.maxLength()) {
                    findings.report(this, Severity.ERROR, "/registration/" + limit.field(),
                            limit.field() + " " + Values.quote(text) + " is " + length + " characters long, over the "
                                    + limit.maxLength() + "-character ClinicalTrials.gov PRS limit; shorten it to "
                                    + limit.maxLength() + " characters or fewer.");
                }
            }
        }
    };

    static final Rule REG_002 = new Rule("REG-002", RuleCategory.REGISTRATION_AND_REGULATORY, Set.of(Severity.ERROR),
            "PRS required data elements are stated",
            "officialTitle, phase, allocation, masking, primaryPurpose or overallStatus is missing, or "
                    + "plannedEnrollment is missing or below 1; each is a finding of its own.",
            "PRS required data elements.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var registration = registration(document);
            if (Values.isMissing(registration.officialTitle())) {
                findings.report(this, Severity.ERROR, "/registration/officialTitle",
                        "officialTitle is missing; state the full scientific title of the trial "
                                + "(a ClinicalTrials.gov PRS required data element).");
            }
            requireCode(this, findings, "phase", registration.phase(), Phase.values());
            requireCode(this, findings, "allocation", registration.allocation(), Allocation.values());
            requireCode(this, findings, "masking", registration.masking(), Masking.values());
            requireCode(this, findings, "primaryPurpose", registration.primaryPurpose(), PrimaryPurpose.values());
            requireCode(this, findings, "overallStatus", registration.overallStatus(), OverallStatus.values());
            var enrollment = registration.plannedEnrollment();
            if (enrollment == null) {
                findings.report(this, Severity.ERROR, "/registration/plannedEnrollment",
                        "plannedEnrollment is missing; state the planned number of participants, at least "
                                + MIN_PLANNED_ENROLLMENT + " (a ClinicalTrials.gov PRS required data element).");
            } else if (enrollment < MIN_PLANNED_ENROLLMENT) {
                findings.report(this, Severity.ERROR, "/registration/plannedEnrollment",
                        "plannedEnrollment is " + enrollment + "; state the planned number of participants, at least "
                                + MIN_PLANNED_ENROLLMENT + " (a ClinicalTrials.gov PRS required data element).");
            }
        }
    };

    static final Rule REG_003 = new Rule("REG-003", RuleCategory.REGISTRATION_AND_REGULATORY, Set.of(Severity.ERROR),
            "A US trial has an IND in effect",
            "US rules apply and the IND number is missing, or the IND status is not SUBMITTED or ACTIVE; each is a "
                    + "finding of its own.",
            "21 CFR 312: unapproved drug studies need an IND in effect.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            if (!usRulesApply(document)) {
                return;
            }
            var ind = ind(document);
            if (Values.isMissing(ind.number())) {
                findings.report(this, Severity.ERROR, "/regulatory/ind/number",
                        "The jurisdictions include US but the IND number is missing; state the number of the IND "
                                + "the study runs under (21 CFR 312).");
            }
            if (!IND_IN_EFFECT.contains(ind.status())) {
                findings.report(this, Severity.ERROR, "/regulatory/ind/status",
                        "The jurisdictions include US but the IND status is "
                                + (ind.status() == null ? "missing" : ind.status().toString())
                                + "; a US study of an unapproved drug needs an IND that is SUBMITTED or ACTIVE "
                                + "(21 CFR 312).");
            }
        }
    };

    static final Rule REG_004 = new Rule("REG-004", RuleCategory.REGISTRATION_AND_REGULATORY, Set.of(Severity.ERROR),
            "A US trial names its DEA Schedule I registration",
            "US rules apply and regulatory.scheduleI.deaRegistration is missing.",
            "21 CFR 1301.18: Schedule I research registration.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            if (usRulesApply(document) && Values.isMissing(scheduleI(document).deaRegistration())) {
                findings.report(this, Severity.ERROR, "/regulatory/scheduleI/deaRegistration",
                        "The jurisdictions include US but the DEA registration is missing; MDMA is a Schedule I "
                                + "substance, so state the investigator's Schedule I research registration "
                                + "(21 CFR 1301.18).");
            }
        }
    };

    static final Rule REG_005 = new Rule("REG-005", RuleCategory.REGISTRATION_AND_REGULATORY,
            Set.of(Severity.WARNING),
            "A US trial names its state controlled-substance licence",
            "US rules apply and regulatory.scheduleI.stateLicense is missing.",
            "Many states require their own controlled-substance licence.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            if (usRulesApply(document) && Values.isMissing(scheduleI(document).stateLicense())) {
                findings.report(this, Severity.WARNING, "/regulatory/scheduleI/stateLicense",
                        "The jurisdictions include US but no state controlled-substance licence is stated; state "
                                + "the licence of each site's state, or confirm to the board that none is required.");
            }
        }
    };

    static final Rule REG_006 = new Rule("REG-006", RuleCategory.REGISTRATION_AND_REGULATORY,
            Set.of(Severity.ERROR, Severity.WARNING),
            "Ethics approval is in place before recruitment",
            "Ethics approval DENIED is an error, as is any status but APPROVED once the trial is past recruitment "
                    + "start; otherwise a status other than APPROVED (missing included) is a warning.",
            "A trial may be registered before ethics approval but may not recruit without it.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var approval = ethics(document).approvalStatus();
            if (approval == EthicsApprovalStatus.APPROVED) {
                return;
            }
            var found = approval == null ? "The ethics approval status is missing"
                    : "The ethics approval status is " + approval;
            var status = registration(document).overallStatus();
            if (approval == EthicsApprovalStatus.DENIED) {
                findings.report(this, Severity.ERROR, "/regulatory/ethics/approvalStatus",
                        found + "; the trial may not run without ethics approval: revise the protocol and obtain "
                                + "APPROVED from the board before submitting.");
            } else if (isPastRecruitmentStart(status)) {
                findings.report(this, Severity.ERROR, "/regulatory/ethics/approvalStatus",
                        found + " while the overall status is " + status + "; a trial may not recruit without "
                                + "ethics approval: obtain APPROVED and record it, or correct the overall status.");
            } else {
                findings.report(this, Severity.WARNING, "/regulatory/ethics/approvalStatus",
                        found + "; the trial may be registered now, but obtain the board's approval (APPROVED) and "
                                + "record it before recruiting.");
            }
        }
    };

    static final Rule REG_007 = new Rule("REG-007", RuleCategory.REGISTRATION_AND_REGULATORY, Set.of(Severity.ERROR),
            "Written informed consent is obtained",
            "regulatory.consent.writtenInformedConsent is not true.",
            "SPIRIT item 26a.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var written = consent(document).writtenInformedConsent();
            if (Values.isNotTrue(written)) {
                findings.report(this, Severity.ERROR, "/regulatory/consent/writtenInformedConsent",
                        "Written informed consent is " + (written == null ? "not stated" : "stated as false")
                                + "; obtain written informed consent from every participant and set "
                                + "writtenInformedConsent to true (SPIRIT item 26a).");
            }
        }
    };

    static final Rule REG_008 = new Rule("REG-008", RuleCategory.REGISTRATION_AND_REGULATORY,
            Set.of(Severity.WARNING),
            "The consent form is referenced and covers MDMA's known risks",
            "The model consent form reference is missing, or the covered risks lack any of CARDIOVASCULAR, "
                    + "HYPONATREMIA, ABUSE_POTENTIAL and PSYCHOLOGICAL_DISTRESS (one finding naming every missing "
                    + "risk).",
            "SPIRIT item 32; the known risks of MDMA.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var consent = consent(document);
            if (Values.isMissing(consent.modelFormReference())) {
                findings.report(this, Severity.WARNING, "/regulatory/consent/modelFormReference",
                        "The model consent form reference is missing; name the consent form and its version "
                                + "(SPIRIT item 32).");
            }
            var missing = Values.lacking(consent.coveredRisks(), REQUIRED_CONSENT_RISKS);
            if (!missing.isEmpty()) {
                findings.report(this, Severity.WARNING, "/regulatory/consent/coveredRisks",
                        "The consent form does not cover the risk" + (missing.size() == 1 ? " " : "s ")
                                + Values.names(missing) + coveredNow(consent.coveredRisks())
                                + "; explain each of these known risks of MDMA to participants and list them.");
            }
        }
    };

    static final Rule REG_009 = new Rule("REG-009", RuleCategory.REGISTRATION_AND_REGULATORY,
            Set.of(Severity.WARNING),
            "A recruiting trial is registered",
            "The trial is past recruitment start and no registry id has a non-blank id.",
            "Prospective registration (ICMJE, WHO).", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var registration = registration(document);
            var status = registration.overallStatus();
            if (!isPastRecruitmentStart(status)) {
                return;
            }
            var registered = Sections.list(registration.registryIds()).stream()
                    .anyMatch(registryId -> !Values.isMissing(registryId.id()));
            if (!registered) {
                findings.report(this, Severity.WARNING, "/registration/registryIds",
                        "The overall status is " + status + " but no trial registry id is stated; register the "
                                + "trial before enrolling (ICMJE, WHO) and add its id, e.g. the NCT number.");
            }
        }
    };

    private RegistrationRules() {
    }

    static List<Rule> all() {
        return List.of(REG_001, REG_002, REG_003, REG_004, REG_005, REG_006, REG_007, REG_008, REG_009);
    }

    /** Only the jurisdictions field counts: the countries of recruitment do not switch on the US rules. */
    private static boolean usRulesApply(ProtocolDocument document) {
        return Sections.set(regulatory(document).jurisdictions()).contains(US);
    }

    private static boolean isPastRecruitmentStart(OverallStatus status) {
        return status != null && PAST_RECRUITMENT_START.contains(status);
    }

    private static void requireCode(Rule rule, Findings findings, String field, Enum<?> value, Enum<?>[] accepted) {
        if (value == null) {
            findings.report(rule, Severity.ERROR, "/registration/" + field,
                    field + " is missing; state one of " + Values.list(Arrays.asList(accepted))
                            + " (a ClinicalTrials.gov PRS required data element).");
        }
    }

    private static String coveredNow(Set<ConsentRisk> covered) {
        if (Values.isMissing(covered)) {
            return " (no risk is listed)";
        }
        return " (it lists " + Values.names(covered.stream().sorted().toList()) + ")";
    }

    private record TextLimit(String field, int maxLength, Function<Registration, String> value) {
    }
}
