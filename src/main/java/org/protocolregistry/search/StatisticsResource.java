package org.protocolregistry.search;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.protocolregistry.api.OpenApiExamples;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.Violation;
import org.protocolregistry.security.CurrentCaller;
import org.protocolregistry.security.Role;

/** Aggregates for dashboards, under the same visibility rules and filters as search. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics", description = "Counts for dashboards.")
@SecurityRequirement(name = "bearer")
public class StatisticsResource {

    private static final Set<String> NOT_FOR_STATISTICS = Set.of("sort", "pageSize", "pageToken", "countTotal",
            "fields");

    @Inject
    ProtocolSearch search;

    @Inject
    CurrentCaller caller;

    @GET
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "Statistics over visible protocols",
            description = "Counts by status, condition category, phase and overall status; findings of the current "
                    + "reports by rule and severity; submissions per month. Accepts the search filters (status, "
                    + "conditionCategory, phase, overallStatus, sponsorOrg, hasErrors, ruleId, minInitialDoseMg, "
                    + "maxInitialDoseMg, updatedSince, q): total equals the search's totalCount for the same filters.")
    @APIResponse(responseCode = "200", description = "The statistics.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Statistics.class),
                    example = "{\"total\":3,\"byStatus\":[{\"key\":\"DRAFT\",\"count\":2},{\"key\":\"SUBMITTED\","
                            + "\"count\":1}],\"byConditionCategory\":[{\"key\":\"FIBROMYALGIA\",\"count\":3}],"
                            + "\"byPhase\":[{\"key\":\"PHASE_2\",\"count\":3}],\"byOverallStatus\":[{\"key\":"
                            + "\"NOT_YET_RECRUITING\",\"count\":3}],\"findingsByRule\":[{\"key\":\"DOSE-010\","
                            + "\"count\":3}],\"findingsBySeverity\":[{\"key\":\"WARNING\",\"count\":3}],"
                            + "\"submissionsPerMonth\":[{\"key\":\"2026-11\",\"count\":1}]}"))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_REQUEST)
    @APIResponse(responseCode = "503", ref = OpenApiExamples.QUERY_TIMEOUT)
    public Statistics readStatistics(UriInfo uriInfo) {
        var parameters = uriInfo.getQueryParameters();
        var misplaced = parameters.keySet().stream().filter(NOT_FOR_STATISTICS::contains)
                .map(name -> Violation.atParameter(name, "not a statistics parameter (it pages or shapes a search)"))
                .toList();
        if (!misplaced.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Some parameters do not apply to statistics.",
                    List.copyOf(misplaced));
        }
        return search.statistics(caller.get(), SearchParameters.parse(parameters, caller.get()));
    }
}
