package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.list;
import static org.protocolregistry.validation.rules.Sections.psychotherapy;
import static org.protocolregistry.validation.rules.Sections.supervision;

import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.protocol.document.ProtocolDocument.Degree;
import org.protocolregistry.protocol.document.ProtocolDocument.Monitor;
import org.protocolregistry.protocol.document.ProtocolDocument.MonitorRole;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** Supervision and psychotherapy: who sits with the participant, their training, and the therapy around dosing. */
final class SupervisionRules {

    private static final String MONITORS = "/supervision/monitors";

    /** FDA: an assistant monitor has at least one year of clinical experience. */
    static final int MIN_ASSISTANT_EXPERIENCE_YEARS = 1;

    /** Each count of therapy sessions must be at least one. */
    static final int MIN_THERAPY_SESSIONS = 1;

    static final Rule SUP_001 = new Rule("SUP-001", RuleCategory.SUPERVISION, Set.of(Severity.ERROR),
            "At least two monitors",
            "supervision.monitors lists fewer monitors than the configured minimum (default 2); an absent list "
                    + "counts as none.",
            "FDA 2023 draft guidance: two monitors per participant; Johnson et al. 2008.",
            List.of(Thresholds.MIN_MONITORS)) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var count = list(supervision(document).monitors()).size();
            if (count < thresholds.minMonitors()) {
                findings.report(this, Severity.ERROR, MONITORS,
                        count + (count == 1 ? " monitor is" : " monitors are") + " listed, but at least "
                                + thresholds.minMonitors() + " must be present with each participant during "
                                + "dosing sessions; add monitors until there are " + thresholds.minMonitors() + ".");
            }
        }
    };

    static final Rule SUP_002 = new Rule("SUP-002", RuleCategory.SUPERVISION, Set.of(Severity.ERROR),
            "Monitors present for the whole session",
            "supervision.presentForWholeSession is not true.",
            "Monitors stay until acute effects have resolved.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var present = supervision(document).presentForWholeSession();
            if (Values.isNotTrue(present)) {
                findings.report(this, Severity.ERROR, "/supervision/presentForWholeSession",
                        "presentForWholeSession is " + (present == null ? "not stated" : present)
                                + "; monitors must stay with the participant for the whole session, until the acute "
                                + "effects have resolved. Set it to true and describe this in the protocol.");
            }
        }
    };

    static final Rule SUP_003 = new Rule("SUP-003", RuleCategory.SUPERVISION, Set.of(Severity.ERROR),
            "A licensed lead monitor with graduate training",
            "No monitor has role LEAD, licensed true and degree MASTER or DOCTORAL.",
            "FDA: the lead monitor is a licensed clinician with graduate training.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var monitors = list(supervision(document).monitors());
            if (monitors.stream().noneMatch(SupervisionRules::isQualifiedLead)) {
                var leads = monitors.stream().filter(m -> m.role() == MonitorRole.LEAD).count();
                findings.report(this, Severity.ERROR, MONITORS,
                        (leads == 0 ? "No monitor has role LEAD" : "No LEAD monitor is both licensed and holds a "
                                + "MASTER or DOCTORAL degree (" + leads + " LEAD listed)")
                                + "; name a lead monitor who is a licensed clinician (licensed true) with a MASTER "
                                + "or DOCTORAL degree.");
            }
        }
    };

    static final Rule SUP_004 = new Rule("SUP-004", RuleCategory.SUPERVISION, Set.of(Severity.WARNING),
            "Assistant monitors are qualified",
            "For each ASSISTANT monitor: degree missing or NONE; clinical experience missing or under 1 year "
                    + "(one finding per field at fault).",
            "FDA: the assistant holds at least a bachelor's degree and one year of clinical experience.",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var monitors = list(supervision(document).monitors());
            for (int i = 0; i < monitors.size(); i++) {
                var monitor = monitors.get(i);
                if (monitor.role() != MonitorRole.ASSISTANT) {
                    continue;
                }
                var degree = monitor.degree();
                if (degree == null || degree == Degree.NONE) {
                    findings.report(this, Severity.WARNING, MONITORS + "/" + i + "/degree",
                            "Assistant monitor " + i + " has " + (degree == null ? "no degree stated" : "degree NONE")
                                    + "; an assistant monitor should hold at least a BACHELOR degree. State the degree "
                                    + "or assign a qualified assistant.");
                }
                var years = monitor.clinicalExperienceYears();
                if (years == null || years < MIN_ASSISTANT_EXPERIENCE_YEARS) {
                    findings.report(this, Severity.WARNING, MONITORS + "/" + i + "/clinicalExperienceYears",
                            "Assistant monitor " + i + " has "
                                    + (years == null ? "no clinical experience stated" : years + " years of clinical "
                                    + "experience") + "; an assistant monitor should have at least "
                                    + MIN_ASSISTANT_EXPERIENCE_YEARS + " year of clinical experience. State it or "
                                    + "assign a more experienced assistant.");
                }
            }
        }
    };

    static final Rule SUP_005 = new Rule("SUP-005", RuleCategory.SUPERVISION, Set.of(Severity.WARNING),
            "Training program and trained monitors",
            "supervision.trainingProgram is missing; each monitor whose trainedInProtocol is not true.",
            "Manualised therapy and trained monitors (SPIRIT 2025 item 15a).", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var supervision = supervision(document);
            if (Values.isMissing(supervision.trainingProgram())) {
                findings.report(this, Severity.WARNING, "/supervision/trainingProgram",
                        "No training program is stated; describe how monitors are trained in the protocol's "
                                + "therapy manual (content and hours).");
            }
            var monitors = list(supervision.monitors());
            for (int i = 0; i < monitors.size(); i++) {
                var trained = monitors.get(i).trainedInProtocol();
                if (Values.isNotTrue(trained)) {
                    findings.report(this, Severity.WARNING, MONITORS + "/" + i + "/trainedInProtocol",
                            "Monitor " + i + roleOf(monitors.get(i)) + " trainedInProtocol is "
                                    + (trained == null ? "not stated" : trained) + "; every monitor should be trained "
                                    + "in the protocol before dosing sessions. Train them and set it to true.");
                }
            }
        }
    };

    static final Rule PSY_001 = new Rule("PSY-001", RuleCategory.PSYCHOTHERAPY, Set.of(Severity.WARNING),
            "Preparation, integration and a therapy manual",
            "psychotherapy.preparatorySessions or integrationSessionsPerDosing missing or under 1 (each); "
                    + "manualReference missing (one finding per field at fault).",
            "MAPS protocols used 3 preparatory and 3 integration sessions per dosing session, under a written manual.",
            List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var psychotherapy = psychotherapy(document);
            checkSessions(findings, "/psychotherapy/preparatorySessions", "preparatory sessions",
                    psychotherapy.preparatorySessions());
            checkSessions(findings, "/psychotherapy/integrationSessionsPerDosing",
                    "integration sessions per dosing session", psychotherapy.integrationSessionsPerDosing());
            if (Values.isMissing(psychotherapy.manualReference())) {
                findings.report(this, Severity.WARNING, "/psychotherapy/manualReference",
                        "No therapy manual is referenced; cite the written manual (title, version) the therapy "
                                + "follows.");
            }
        }

        private void checkSessions(Findings findings, String path, String what, Integer sessions) {
            if (sessions == null || sessions < MIN_THERAPY_SESSIONS) {
                findings.report(this, Severity.WARNING, path,
                        (sessions == null ? "The number of " + what + " is missing" : sessions + " " + what
                                + " planned") + "; plan at least " + MIN_THERAPY_SESSIONS
                                + " (MAPS protocols used 3).");
            }
        }
    };

    private SupervisionRules() {
    }

    static List<Rule> all() {
        return List.of(SUP_001, SUP_002, SUP_003, SUP_004, SUP_005, PSY_001);
    }

    private static boolean isQualifiedLead(Monitor monitor) {
        return monitor.role() == MonitorRole.LEAD
                && Boolean.TRUE.equals(monitor.licensed())
                && (monitor.degree() == Degree.MASTER || monitor.degree() == Degree.DOCTORAL);
    }

    private static String roleOf(Monitor monitor) {
        return monitor.role() == null ? "" : " (" + monitor.role() + ")";
    }
}
