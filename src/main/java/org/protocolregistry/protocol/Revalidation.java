package org.protocolregistry.protocol;

import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored version checked again under the current rule set, beside what was stored. */
@Schema(name = "Revalidation", description = "A stored version validated again under the current rule set.")
public record Revalidation(
        String protocolId,
        int version,
        @Schema(description = "Rule-set version of the report stored with the version.", examples = "2026.1",
                nullable = true)
        String storedRuleSetVersion,
        @Schema(ref = "ValidationReport",
                description = "The report stored with the version (unchanged).")
        @JsonRawValue
        String storedReport,
        @Schema(ref = "ValidationReport",
                description = "The report under the current rule set.")
        @JsonRawValue
        String report) {
}
