package org.protocolregistry.validation;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule of the catalogue as the API describes it, with the thresholds it applies. */
@Schema(name = "Rule", description = "One rule of the safety rule catalogue.")
public record RuleDescription(
        @Schema(examples = "DOSE-003") String id,
        RuleCategory category,
        @Schema(description = "The severities its findings can have, most severe first.") List<Severity> severities,
        String title,
        @Schema(description = "When the rule reports a finding.") String description,
        @Schema(description = "The guidance or standard it comes from.") String reference,
        @Schema(description = "The configurable thresholds it applies, with the values in force.")
        List<ThresholdValue> thresholds) {

    /** A threshold by its configuration key (under registry.rules), its value in force and the default. */
    @Schema(name = "ThresholdValue")
    public record ThresholdValue(
            @Schema(examples = "dose.max-initial-mg") String key,
            @Schema(description = "The value in force.", examples = "125") Object value,
            @Schema(description = "The rule set's default.", examples = "125") Object defaultValue) {
    }

    public static RuleDescription of(Rule rule, Thresholds inForce) {
        var current = inForce.byKey();
        var defaults = Thresholds.DEFAULTS.byKey();
        var severities = Arrays.stream(Severity.values()).filter(rule.severities()::contains).toList();
        var thresholds = rule.thresholdKeys().stream()
                .map(key -> new ThresholdValue(key, current.get(key), defaults.get(key)))
                .toList();
        return new RuleDescription(rule.id(), rule.category(), severities, rule.title(), rule.description(),
                rule.reference(), thresholds);
    }
}
