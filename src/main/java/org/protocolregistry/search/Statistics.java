package org.protocolregistry.search;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Aggregates over the protocols a caller may see, as {key, count} arrays ready for charts. */
@Schema(name = "Statistics")
public record Statistics(
        @Schema(description = "Number of protocols counted (the search total for the same filters).") long total,
        List<KeyCount> byStatus,
        List<KeyCount> byConditionCategory,
        List<KeyCount> byPhase,
        List<KeyCount> byOverallStatus,
        @Schema(description = "Findings of the current versions' reports, by rule id.") List<KeyCount> findingsByRule,
        @Schema(description = "Findings of the current versions' reports, by severity.") List<KeyCount> findingsBySeverity,
        @Schema(description = "Submissions (every submit, resubmissions included) per month, UTC, as yyyy-MM.")
        List<KeyCount> submissionsPerMonth) {

    /** One bar of a chart; a missing value is counted under UNSPECIFIED. */
    @Schema(name = "KeyCount")
    public record KeyCount(@Schema(examples = "PHASE_2") String key, @Schema(examples = "12") long count) {
    }
}
