package org.protocolregistry.validation.rules;

import static org.protocolregistry.validation.rules.Sections.dosing;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.validation.Findings;
import org.protocolregistry.validation.Rule;
import org.protocolregistry.validation.RuleCategory;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.Thresholds;

/** The gate: this registry holds MDMA-assisted therapy protocols only. */
final class GateRules {

    static final Rule GATE_001 = new Rule("GATE-001", RuleCategory.GATE, Set.of(Severity.ERROR),
            "The substance is MDMA",
            "dosing.substance must be MDMA (compared trimmed and ignoring case).",
            "This registry holds MDMA-assisted therapy protocols only.", List.of()) {
        @Override
        public void check(ProtocolDocument document, Thresholds thresholds, Findings findings) {
            var substance = dosing(document).substance();
            if (Values.isMissing(substance)) {
                findings.report(this, Severity.ERROR, "/dosing/substance",
                        "The substance is missing; state \"MDMA\": this registry holds MDMA-assisted therapy "
                                + "protocols only.");
            } else if (!substance.trim().toUpperCase(Locale.ROOT).equals("MDMA")) {
                findings.report(this, Severity.ERROR, "/dosing/substance",
                        "The substance is " + Values.quote(substance.trim()) + ", but this registry holds MDMA-assisted therapy "
                                + "protocols only; register other substances elsewhere.");
            }
        }
    };

    private GateRules() {
    }

    static List<Rule> all() {
        return List.of(GATE_001);
    }
}
