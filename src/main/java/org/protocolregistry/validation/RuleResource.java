package org.protocolregistry.validation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.protocolregistry.api.OpenApiExamples;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.security.Role;

/** The safety rule catalogue, with the thresholds in force. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules", description = "The safety validator's rule catalogue.")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
public class RuleResource {

    @Inject
    ValidationService validation;

    /** The catalogue: every rule of the rule set in catalogue order. */
    @Schema(name = "RuleList")
    public record RuleList(
            @Schema(examples = "2026.1") String ruleSetVersion,
            List<RuleDescription> items,
            @Schema(nullable = true) String nextPageToken,
            long totalCount) {
    }

    @GET
    @Operation(summary = "List the safety rules",
            description = "Every rule of the rule set in catalogue order, with its severities, reference and the "
                    + "thresholds it applies (values in force and defaults).")
    @APIResponse(responseCode = "200", description = "The rule catalogue.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleList.class)))
    public RuleList listRules() {
        var items = validation.rules().stream()
                .map(rule -> RuleDescription.of(rule, validation.thresholds()))
                .toList();
        return new RuleList(SafetyValidator.RULE_SET_VERSION, items, null, items.size());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read one safety rule", description = "One rule of the catalogue by its id, e.g. DOSE-003.")
    @APIResponse(responseCode = "200", description = "The rule.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RuleDescription.class)))
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    public RuleDescription getRule(@Parameter(description = "Rule id.", example = "DOSE-003") @RestPath String id) {
        return validation.rules().stream()
                .filter(rule -> rule.id().equals(id))
                .findFirst()
                .map(rule -> RuleDescription.of(rule, validation.thresholds()))
                .orElseThrow(() -> ProblemException.notFound("Rule " + id));
    }
}
