package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.followUp;

import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** Follow-up: contact after each session, the primary endpoint's timing, durability and misuse. */
final class FollowUpRules {

    private static final int MIN_POST_SESSION_CONTACT_DAYS = 7;
    private static final int MIN_PRIMARY_ENDPOINT_WEEKS = 8;
    private static final int MIN_LONG_TERM_MONTHS = 12;

    static final Rule FU_001 = new Rule("FU-001", RuleCategory.FOLLOW_UP, Set.of(Severity.WARNING),
            "Participants are contacted for a week after each session",
            "followUp.postSessionContactDays is missing or below 7.",
            "MAPS manual: daily contact for a week after each session.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            atLeast(this, Severity.WARNING, findings, "/followUp/postSessionContactDays",
                    followUp(document).postSessionContactDays(), MIN_POST_SESSION_CONTACT_DAYS,
                    "Post-session contact", "days",
                    "plan daily contact with each participant for at least a week after every dosing session "
                            + "(MAPS treatment manual)");
        }
    };

    static final Rule FU_002 = new Rule("FU-002", RuleCategory.FOLLOW_UP, Set.of(Severity.WARNING),
            "The primary endpoint comes at least 8 weeks after the last session",
            "followUp.primaryEndpointWeeksAfterLastSession is missing or below 8.",
            "MAPP1's primary endpoint came about two months after the last session.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            atLeast(this, Severity.WARNING, findings, "/followUp/primaryEndpointWeeksAfterLastSession",
                    followUp(document).primaryEndpointWeeksAfterLastSession(), MIN_PRIMARY_ENDPOINT_WEEKS,
                    "The primary endpoint's time after the last session", "weeks",
                    "assess the primary endpoint about two months after the last dosing session, as MAPP1 did, "
                            + "or justify an earlier one to the board");
        }
    };

    static final Rule FU_003 = new Rule("FU-003", RuleCategory.FOLLOW_UP, Set.of(Severity.INFO),
            "Long-term follow-up lasts 12 months",
            "followUp.longTermMonths is missing or below 12.",
            "FDA asks for durability; MAPS ran 12-month follow-up.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            atLeast(this, Severity.INFO, findings, "/followUp/longTermMonths",
                    followUp(document).longTermMonths(), MIN_LONG_TERM_MONTHS,
                    "Long-term follow-up", "months",
                    "consider following participants for 12 months or more to show whether the effect lasts "
                            + "(FDA asks for durability)");
        }
    };

    static final Rule FU_004 = new Rule("FU-004", RuleCategory.FOLLOW_UP, Set.of(Severity.WARNING),
            "Misuse is assessed during follow-up",
            "followUp.misuseAssessment is not true.",
            "Abuse potential of MDMA.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var misuse = followUp(document).misuseAssessment();
            if (Values.isNotTrue(misuse)) {
                findings.report(this, Severity.WARNING, "/followUp/misuseAssessment",
                        "A misuse assessment is " + (misuse == null ? "not stated" : "stated as false")
                                + "; MDMA has abuse potential, so ask about non-study MDMA and other drug use during "
                                + "follow-up and set misuseAssessment to true.");
            }
        }
    };

    private FollowUpRules() {
    }

    static List<Rule> all() {
        return List.of(FU_001, FU_002, FU_003, FU_004);
    }

    /** "Missing or < min": a finding when the value is absent or below the minimum. */
    private static void atLeast(Rule rule, Severity severity, Findings findings, String path, Integer value,
            int min, String what, String unit, String fix) {
        if (value == null) {
            findings.report(rule, severity, path,
                    what + " is not stated; state it in " + unit + " (at least " + min + ") and " + fix + ".");
        } else if (value < min) {
            findings.report(rule, severity, path,
                    what + " is " + value + " " + unit + ", below the " + min + " " + unit + " expected; " + fix + ".");
        }
    }
}
