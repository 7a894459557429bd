package org.protocolregistry.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.protocolregistry.validation.Finding;

/**
 * The single error shape of the API: an RFC 9457 problem detail, extended with the
 * list of violations for invalid input.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail, served as application/problem+json.")
public record Problem(
        @Schema(description = "URI identifying the problem type; about:blank when the HTTP status says it all.",
                examples = "tag:protocolregistry.org,2026:problem:invalid-document")
        String type,
        @Schema(description = "Short summary of the problem type.", examples = "Invalid protocol document")
        String title,
        @Schema(description = "HTTP status code.", examples = "400")
        int status,
        @Schema(description = "What happened in this occurrence, and how to fix it.",
                examples = "The request body is not a valid protocol document.")
        String detail,
        @Schema(description = "The request path.", examples = "/api/v1/protocols")
        String instance,
        @Schema(description = "Every field or parameter at fault, when the input was invalid.")
        List<Violation> violations,
        @Schema(description = "For a lifecycle conflict (409): the protocol's current state.", examples = "APPROVED")
        String currentState,
        @Schema(description = "For a lifecycle conflict (409): the actions allowed from the current state.",
                examples = "[\"amend\", \"withdraw\"]")
        List<String> allowedActions,
        @Schema(description = "For a refused submission (422): the ERROR findings that block it.")
        List<Finding> findings) {

    /** A problem without lifecycle or validation details. */
    public Problem(String type, String title, int status, String detail, String instance, List<Violation> violations) {
        this(type, title, status, detail, instance, violations, null, null, null);
    }
}
