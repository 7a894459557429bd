package org.protocolregistry.validation;

import java.util.List;
import java.util.Set;

import org.protocolregistry.protocol.document.ProtocolDocument;

/**
 * One rule of the catalogue: its stable id and description, and the check itself. A check
 * is pure: it reads the document and the thresholds and reports findings, nothing else,
 * and it never throws on a document that parsed (every section and field may be null).
 */
public abstract class Rule {

    private final String id;
    private final RuleCategory category;
    private final Set<Severity> severities;
    private final String title;
    private final String description;
    private final String reference;
    private final List<String> thresholdKeys;

    /**
     * @param severities    the severities its findings can have (most severe first)
     * @param thresholdKeys the {@link Thresholds} keys it applies, if any
     */
    protected Rule(String id, RuleCategory category, Set<Severity> severities, String title, String description,
            String reference, List<String> thresholdKeys) {
        this.id = id;
        this.category = category;
        this.severities = Set.copyOf(severities);
        this.title = title;
        this.description = description;
        this.reference = reference;
        this.thresholdKeys = List.copyOf(thresholdKeys);
    }

    /** Reports this rule's findings on the document to {@code findings}. */
    public abstract void check(ProtocolDocument document, Thresholds thresholds, Findings findings);

    public String id() {
        return id;
    }

    public RuleCategory category() {
        return category;
    }

    public Set<Severity> severities() {
        return severities;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String reference() {
        return reference;
    }

    public List<String> thresholdKeys() {
        return thresholdKeys;
    }
}
