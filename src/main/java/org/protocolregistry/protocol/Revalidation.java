package org.protocolregistry.protocol;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.protocolregistry.api.RawJson;

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
        @JsonSerialize(using = RawJson.class)
        String storedReport,
        @Schema(ref = "ValidationReport",
                description = "The report under the current rule set.")
        @JsonSerialize(using = RawJson.class)
        String report) {
}
