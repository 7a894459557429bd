package org.protocolregistry.validation;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.validation.rules.RuleCatalogue;

/**
 * Checks a protocol document against every rule of the catalogue. Pure and thread-safe:
 * no I/O, no shared mutable state; it never throws on a document that parsed.
 */
public final class SafetyValidator {

    /** The version of the rule catalogue implemented here. */
    public static final String RULE_SET_VERSION = "2026.1";

    private final List<Rule> rules;
    private final Thresholds thresholds;
    private final Map<String, Object> thresholdsByKey;

    public SafetyValidator(Thresholds thresholds) {
        this(RuleCatalogue.rules(), thresholds);
    }

    SafetyValidator(List<Rule> rules, Thresholds thresholds) {
        this.rules = List.copyOf(rules);
        this.thresholds = thresholds;
        this.thresholdsByKey = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds.byKey()));
    }

    public ValidationReport validate(ProtocolDocument document) {
        var findings = new Findings();
        for (var rule : rules) {
            rule.check(document, thresholds, findings);
        }
        var list = List.copyOf(findings.list());
        var counts = new EnumMap<Severity, Integer>(Severity.class);
        for (var severity : Severity.values()) {
            counts.put(severity, 0);
        }
        for (var finding : list) {
            counts.merge(finding.severity(), 1, Integer::sum);
        }
        return new ValidationReport(RULE_SET_VERSION, counts.get(Severity.ERROR) == 0, counts, list, thresholdsByKey);
    }

    public List<Rule> rules() {
        return rules;
    }

    public Thresholds thresholds() {
        return thresholds;
    }
}
