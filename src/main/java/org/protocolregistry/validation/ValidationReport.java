package org.protocolregistry.validation;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The validator's verdict on one document under one rule set. */
@Schema(name = "ValidationReport", description = "The safety validator's report on one version of a protocol.")
public record ValidationReport(
        @Schema(description = "Version of the rule set that produced the report.", examples = "2026.1")
        String ruleSetVersion,
        @Schema(description = "True when there is no ERROR finding (submission is possible).")
        boolean valid,
        @Schema(description = "Number of findings by severity; every severity is present.")
        Map<Severity, Integer> counts,
        @Schema(description = "The findings, in catalogue order of their rules.")
        List<Finding> findings,
        @Schema(description = "The thresholds in force, by configuration key under registry.rules.")
        Map<String, Object> thresholds) {
}
