package org.protocolregistry.validation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.protocolregistry.api.OpenApiExamples;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.security.Role;

/** Dry-run validation: check a document against the rule set without storing anything. */
@Path("/api/v1/validate")
@Tag(name = "Validation", description = "Check a protocol document against the safety rules without storing it.")
@SecurityRequirement(name = "bearer")
public class ValidationResource {

    @Inject
    ValidationService validation;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "Validate a document without storing it",
            description = "Runs the current rule set on the document and returns the report. The document is parsed "
                    + "exactly as on create (same 400 answers); nothing is stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProtocolDocument.class)))
    @APIResponse(responseCode = "200", description = "The validation report.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ValidationReport.class)))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_DOCUMENT)
    @APIResponse(responseCode = "413", ref = OpenApiExamples.BODY_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiExamples.UNSUPPORTED_MEDIA_TYPE)
    public ValidationReport validateDocument(byte[] body) {
        return validation.validate(DocumentParser.parse(body).model());
    }
}
