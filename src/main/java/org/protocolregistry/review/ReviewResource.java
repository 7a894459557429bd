package org.protocolregistry.review;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.protocolregistry.api.ItemList;
import org.protocolregistry.api.OpenApiExamples;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.StrictJson;
import org.protocolregistry.idempotency.IdempotencyKey;
import org.protocolregistry.idempotency.IdempotentRequests;
import org.protocolregistry.security.CurrentCaller;
import org.protocolregistry.security.Role;

/** Ethics-board decisions on submitted protocols, with field-anchored comments. */
@Path("/api/v1/protocols/{id}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews", description = "Ethics-board decisions and comments.")
@SecurityRequirement(name = "bearer")
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @Inject
    CurrentCaller caller;

    @Inject
    IdempotentRequests idempotency;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.REVIEWER)
    @Operation(summary = "Record a review decision",
            description = "APPROVE, REQUEST_CHANGES or REJECT the SUBMITTED version, with comments optionally anchored "
                    + "by JSON Pointer to fields of that version (an anchor that does not resolve is a 400). Of two "
                    + "decisions at once, one is recorded and the other gets 409. Rejecting an amendment keeps the "
                    + "approved version. If-Match is optional; when sent it must match.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReviewRequest.class)))
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotentRequests.KEY_DESCRIPTION,
            example = IdempotentRequests.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "201", description = "The recorded review.",
            headers = {
                @Header(name = "ETag", description = "The protocol's new entity tag.",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = IdempotentRequests.REPLAYED_HEADER, description = IdempotentRequests.REPLAYED_DESCRIPTION,
                        schema = @Schema(type = SchemaType.BOOLEAN))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_REQUEST)
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiExamples.ILLEGAL_STATE_OR_KEY_IN_USE)
    @APIResponse(responseCode = "412", ref = OpenApiExamples.STALE_ETAG)
    @APIResponse(responseCode = "413", ref = OpenApiExamples.BODY_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiExamples.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiExamples.IDEMPOTENCY_KEY_REUSED)
    public Response recordReview(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(description = "Optional: the protocol ETag you last read.") @RestHeader("If-Match") String ifMatch,
            byte[] body) {
        return idempotency.execute(caller.get(), ifMatch, body, () -> {
            var request = StrictJson.read(body, ReviewRequest.class,
                    violation -> new ProblemException(ProblemType.INVALID_REQUEST,
                            "The body is not a valid review: " + violation.message() + " (at \"" + violation.pointer()
                                    + "\").", List.of(violation)));
            var recorded = reviews.recordDecision(caller.get(), id, request, ifMatch);
            return RestResponse.ResponseBuilder.<ReviewView>create(RestResponse.Status.CREATED)
                    .entity(recorded.review())
                    .header(HttpHeaders.ETAG, recorded.protocol().etag())
                    .build();
        });
    }

    @GET
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.ADMIN})
    @Operation(summary = "List a protocol's reviews",
            description = "Every recorded decision, oldest first: for the owning sponsor, reviewers and admins.")
    @APIResponse(responseCode = "200", description = "The reviews.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewList.class)))
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    public ItemList<ReviewView> listReviews(@Parameter(description = "Protocol id.") @RestPath String id) {
        return reviews.listReviews(caller.get(), id)
                .map(ItemList::complete)
                .orElseThrow(() -> ProblemException.notFound("Protocol " + id));
    }

    /** Names the review-list schema. */
    @Schema(name = "ReviewList")
    record ReviewList(List<ReviewView> items, String nextPageToken, Long totalCount) {
    }
}
