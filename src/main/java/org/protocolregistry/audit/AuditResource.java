package org.protocolregistry.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.protocolregistry.api.OpenApiExamples;
import org.protocolregistry.security.Role;

/** Verification of the tamper-evident audit trail. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The hash-chained audit trail.")
@SecurityRequirement(name = "bearer")
public class AuditResource {

    @Inject
    AuditTrail trail;

    @GET
    @Path("verify")
    @RolesAllowed(Role.ADMIN)
    @Operation(summary = "Verify the audit chain",
            description = "Recomputes every event's hash and link from the first event and reports the first one that "
                    + "does not check out (a changed, removed or inserted row).")
    @APIResponse(responseCode = "200", description = "The verification result.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChainVerification.class)))
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    public ChainVerification verifyChain() {
        return trail.verify();
    }
}
