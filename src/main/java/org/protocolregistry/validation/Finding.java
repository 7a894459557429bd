package org.protocolregistry.validation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One issue the validator found: which rule, how severe, where (RFC 6901 JSON Pointer into
 * the document) and what to do about it. One flat record per issue, as in FHIR validation
 * messages.
 */
@Schema(name = "Finding", description = "One issue the safety validator found in a protocol document.")
public record Finding(
        @Schema(examples = "DOSE-003") String ruleId,
        Severity severity,
        @Schema(description = "JSON Pointer to the field concerned.", examples = "/dosing/initialDoseMg") String path,
        @Schema(description = "What is wrong, with the values found and the limits applied, and how to fix it.")
        String message,
        @Schema(description = "The guidance or standard the rule comes from.") String reference) {
}
