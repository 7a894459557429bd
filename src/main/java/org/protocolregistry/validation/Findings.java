package org.protocolregistry.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one validation run, in the order the rules report them. */
public final class Findings {

    private final List<Finding> collected = new ArrayList<>();

    /** Records a finding of {@code rule} at {@code path} (a JSON Pointer into the document). */
    public void report(Rule rule, Severity severity, String path, String message) {
        if (!rule.severities().contains(severity)) {
            throw new IllegalArgumentException(rule.id() + " does not report " + severity);
        }
        collected.add(new Finding(rule.id(), severity, path, message, rule.reference()));
    }

    List<Finding> list() {
        return collected;
    }
}
