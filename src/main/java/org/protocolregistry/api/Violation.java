package org.protocolregistry.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One reason a request was refused: the body field (RFC 6901 JSON Pointer) or the
 * request parameter concerned, and what is wrong with it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Violation", description = "One reason a request was refused.")
public record Violation(
        @Schema(description = "JSON Pointer (RFC 6901) into the request body; \"\" is the whole body.",
                examples = "/dosing/initialDoseMg")
        String pointer,
        @Schema(description = "Name of the request parameter or header, when the problem is not in the body.",
                examples = "If-Match")
        String parameter,
        @Schema(description = "What is wrong and how to fix it.",
                examples = "expected a number, got the string \"120\"")
        String message) {

    public static Violation atPointer(String pointer, String message) {
        return new Violation(pointer, null, message);
    }

    public static Violation atParameter(String parameter, String message) {
        return new Violation(null, parameter, message);
    }
}
