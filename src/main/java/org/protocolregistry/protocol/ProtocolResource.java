package org.protocolregistry.protocol;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import org.protocolregistry.api.Violation;
import org.protocolregistry.audit.AuditEntry;
import org.protocolregistry.idempotency.IdempotencyKey;
import org.protocolregistry.idempotency.IdempotentRequests;
import org.protocolregistry.protocol.document.DocumentParser;
import org.protocolregistry.protocol.document.ParsedDocument;
import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.search.Exports;
import org.protocolregistry.search.FieldSelection;
import org.protocolregistry.search.ProtocolSearch;
import org.protocolregistry.search.SearchParameters;
import org.protocolregistry.search.SearchQuery;
import org.protocolregistry.search.SearchResult;
import org.protocolregistry.security.CurrentCaller;
import org.protocolregistry.security.Role;

/** Protocol documents and their immutable versions. */
@Path("/api/v1/protocols")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Protocols", description = "Create, read and replace protocol documents; list and fetch their versions.")
@SecurityRequirement(name = "bearer")
public class ProtocolResource {

    /** Rows fetched per statement while streaming an export. */
    private static final int EXPORT_BATCH = 200;

    @Inject
    ObjectMapper json;

    /** Response header of PUT: whether the request made a new version. */
    public static final String VERSION_CREATED_HEADER = "Version-Created";

    @Inject
    ProtocolService protocols;

    @Inject
    ProtocolLifecycle lifecycle;

    @Inject
    ProtocolSearch search;

    @Inject
    CurrentCaller caller;

    @Inject
    IdempotentRequests idempotency;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SPONSOR)
    @Operation(summary = "Create a protocol draft",
            description = "Stores the document as version 1 of a new DRAFT owned by the caller's sponsor organisation. "
                    + "Drafts may be incomplete; only registration.briefTitle is required. The document comes back "
                    + "equal as JSON to what was sent.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProtocolDocument.class)))
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotentRequests.KEY_DESCRIPTION,
            example = IdempotentRequests.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "201", description = "Created.",
            headers = {
                @Header(name = "Location", description = "URL of the new protocol.",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", description = "Entity tag for If-Match.",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = IdempotentRequests.REPLAYED_HEADER, description = IdempotentRequests.REPLAYED_DESCRIPTION,
                        schema = @Schema(type = SchemaType.BOOLEAN))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProtocolEnvelope.class)))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_DOCUMENT)
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = OpenApiExamples.IDEMPOTENCY_KEY_IN_USE)
    @APIResponse(responseCode = "413", ref = OpenApiExamples.BODY_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiExamples.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = OpenApiExamples.IDEMPOTENCY_KEY_REUSED)
    public Response createProtocol(byte[] body, UriInfo uriInfo) {
        return idempotency.execute(caller.get(), null, body, () -> {
            var document = DocumentParser.parse(body);
            var envelope = protocols.createProtocol(caller.get(), document);
            URI location = uriInfo.getBaseUriBuilder().path(ProtocolResource.class).path(envelope.id()).build();
            return RestResponse.ResponseBuilder.<ProtocolEnvelope>created(location)
                    .entity(envelope)
                    .header(HttpHeaders.ETAG, envelope.etag())
                    .build();
        });
    }

    @GET
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "Search protocols",
            description = "The protocols the caller may see that match every filter given. Repeatable (or "
                    + "comma-separated): status, conditionCategory, phase. Single: overallStatus, sponsorOrg (reviewers "
                    + "and admins), hasErrors, ruleId (a finding of that rule in the current report), "
                    + "minInitialDoseMg, maxInitialDoseMg, updatedSince (ISO-8601), q (words that must all appear in "
                    + "the titles, condition name or outcome titles, ignoring case). sort=updatedAt|createdAt|"
                    + "initialDoseMg|briefTitle[:asc|:desc] (default updatedAt:desc; the id breaks ties). Pages: "
                    + "pageSize (1-200, default 20) and the opaque nextPageToken, valid only with the same filters and "
                    + "sort. countTotal=true adds totalCount; fields=a,b picks envelope members and document sections. "
                    + "Unknown or invalid parameters answer 400 naming them.")
    @APIResponse(responseCode = "200", description = "A page of protocols.",
            headers = @Header(name = "ETag", description = "Entity tag of this page; send it in If-None-Match.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SearchResult.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_REQUEST)
    @APIResponse(responseCode = "503", ref = OpenApiExamples.QUERY_TIMEOUT)
    public RestResponse<SearchResult> searchProtocols(UriInfo uriInfo,
            @Parameter(hidden = true) @RestHeader("If-None-Match") String ifNoneMatch) {
        var parameters = uriInfo.getQueryParameters();
        var query = SearchParameters.parse(parameters, caller.get());
        var page = search.search(caller.get(), query, SearchParameters.fingerprintOf(parameters));
        var items = page.items().stream().map(envelope -> FieldSelection.select(envelope, query.fields())).toList();
        var result = new SearchResult(items, page.nextPageToken(), page.totalCount());
        var etag = EntityTags.ofPage(page.items().stream().map(ProtocolEnvelope::etag).toList(),
                page.nextPageToken(), page.totalCount(), query.fields());
        if (EntityTags.matches(ifNoneMatch, etag)) {
            return RestResponse.ResponseBuilder.<SearchResult>create(RestResponse.Status.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, etag).build();
        }
        return RestResponse.ResponseBuilder.ok(result).header(HttpHeaders.ETAG, etag).build();
    }

    @GET
    @Produces("text/csv;qs=0.5")
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "Export a search as CSV",
            description = "Every protocol matching the search parameters (paging parameters ignored), streamed in "
                    + "constant memory with a header row. Columns: " + "id, sponsorOrg, status, version, briefTitle, "
                    + "officialTitle, phase, conditionCategory, conditionName, initialDoseMg, supplementalDoseMg, "
                    + "maxSessionTotalMg, sessionCount, errorCount, warningCount. Text that a spreadsheet would read "
                    + "as a formula is prefixed with an apostrophe.")
    @APIResponse(responseCode = "200", description = "The CSV.", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING),
            example = "id,sponsorOrg,status,version,briefTitle,officialTitle,phase,conditionCategory,conditionName,"
                    + "initialDoseMg,supplementalDoseMg,maxSessionTotalMg,sessionCount,errorCount,warningCount\n"
                    + "01a219f7-239e-7b41-963b-7c307b2dd1d7,example-pain-institute,DRAFT,1,"
                    + "MDMA-assisted therapy for fibromyalgia,,PHASE_2,FIBROMYALGIA,Fibromyalgia,120,60,180,3,0,1\n"))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_REQUEST)
    public Response exportCsv(UriInfo uriInfo) {
        var export = exportOf(uriInfo);
        StreamingOutput body = out -> {
            try (var rows = Exports.csv(out)) {
                search.forEachMatching(export.caller(), export.query(), export.fingerprint(), EXPORT_BATCH, rows::write);
            }
        };
        return Response.ok(body, "text/csv;charset=UTF-8").build();
    }

    @GET
    @Produces("application/x-ndjson;qs=0.5")
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "Export a search as NDJSON",
            description = "Every protocol matching the search parameters (paging parameters ignored), one envelope "
                    + "(or the fields asked for) per line, streamed in constant memory.")
    @APIResponse(responseCode = "200", description = "One JSON envelope per line.",
            content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING),
                    example = "{\"id\":\"01a219f7-239e-7b41-963b-7c307b2dd1d7\",\"status\":\"DRAFT\"}\n"))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_REQUEST)
    public Response exportNdjson(UriInfo uriInfo) {
        var export = exportOf(uriInfo);
        StreamingOutput body = out -> search.forEachMatching(export.caller(), export.query(), export.fingerprint(),
                EXPORT_BATCH, envelopes -> Exports.ndjson(out, json, envelopes.stream()
                        .map(envelope -> FieldSelection.select(envelope, export.query().fields())).toList()));
        return Response.ok(body, "application/x-ndjson;charset=UTF-8").build();
    }

    private record Export(org.protocolregistry.security.Caller caller, SearchQuery query, String fingerprint) {
    }

    /** Read before streaming starts: errors still answer as problems, and the caller is fixed. */
    private Export exportOf(UriInfo uriInfo) {
        var parameters = uriInfo.getQueryParameters();
        var query = SearchParameters.parse(parameters, caller.get());
        return new Export(caller.get(), query, SearchParameters.fingerprintOf(parameters));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "Read a protocol",
            description = "The current version with status and validation report. Sponsors read their own "
                    + "organisation's protocols, reviewers those ever submitted, viewers approved ones, admins all; "
                    + "any other protocol answers 404.")
    @APIResponse(responseCode = "200", description = "The protocol.",
            headers = @Header(name = "ETag", description = "Entity tag for If-Match.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProtocolEnvelope.class)))
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match.")
    public RestResponse<ProtocolEnvelope> getProtocol(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(hidden = true) @RestHeader("If-None-Match") String ifNoneMatch) {
        var envelope = protocols.findProtocolById(caller.get(), id)
                .orElseThrow(() -> ProblemException.notFound("Protocol " + id));
        if (EntityTags.matches(ifNoneMatch, envelope.etag())) {
            return RestResponse.ResponseBuilder.<ProtocolEnvelope>create(RestResponse.Status.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, envelope.etag()).build();
        }
        return RestResponse.ResponseBuilder.ok(envelope).header(HttpHeaders.ETAG, envelope.etag()).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SPONSOR)
    @Operation(summary = "Replace a draft's document",
            description = "Replaces the document of a DRAFT or CHANGES_REQUESTED protocol owned by the caller's "
                    + "organisation. If-Match must carry the protocol's current ETag. A different document becomes "
                    + "the next version; an identical one (equal as JSON) makes no version, and the "
                    + VERSION_CREATED_HEADER + " response header says which happened.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProtocolDocument.class)))
    @APIResponse(responseCode = "200", description = "The protocol as it now stands.",
            headers = {
                @Header(name = "ETag", description = "The new entity tag.", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = VERSION_CREATED_HEADER,
                        description = "true when a new version was stored; false when the document was identical.",
                        schema = @Schema(type = SchemaType.BOOLEAN))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProtocolEnvelope.class)))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_DOCUMENT)
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiExamples.ILLEGAL_STATE)
    @APIResponse(responseCode = "412", ref = OpenApiExamples.STALE_ETAG)
    @APIResponse(responseCode = "413", ref = OpenApiExamples.BODY_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = OpenApiExamples.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "428", ref = OpenApiExamples.PRECONDITION_REQUIRED)
    public RestResponse<ProtocolEnvelope> replaceProtocol(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(description = "The ETag from your last read of the protocol.", required = true)
            @RestHeader("If-Match") String ifMatch,
            byte[] body) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the protocol's current ETag in If-Match so that you cannot overwrite a change you have "
                            + "not seen.", List.of(Violation.atParameter("If-Match", "required")));
        }
        var document = DocumentParser.parse(body);
        var replacement = protocols.replaceDocument(caller.get(), id, ifMatch, document);
        return RestResponse.ResponseBuilder.ok(replacement.envelope())
                .header(HttpHeaders.ETAG, replacement.envelope().etag())
                .header(VERSION_CREATED_HEADER, String.valueOf(replacement.versionCreated()))
                .build();
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "List a protocol's versions", description = "Every version, oldest first, without documents.")
    @APIResponse(responseCode = "200", description = "The versions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VersionList.class)))
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    public ItemList<VersionSummary> listVersions(@Parameter(description = "Protocol id.") @RestPath String id) {
        return protocols.listVersions(caller.get(), id)
                .map(ItemList::complete)
                .orElseThrow(() -> ProblemException.notFound("Protocol " + id));
    }

    @GET
    @Path("{id}/versions/{version: [0-9]{1,9}}")
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "Read one version of a protocol", description = "An immutable version with its document.")
    @APIResponse(responseCode = "200", description = "The version.",
            headers = @Header(name = "ETag", description = "Entity tag of the version (its content hash).",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VersionEnvelope.class)))
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    public RestResponse<VersionEnvelope> getVersion(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(description = "Version number, from 1.") @RestPath int version) {
        var envelope = protocols.findVersion(caller.get(), id, version)
                .orElseThrow(() -> ProblemException.notFound("Version " + version + " of protocol " + id));
        return RestResponse.ResponseBuilder.ok(envelope).header(HttpHeaders.ETAG, envelope.etag()).build();
    }

    @POST
    @Path("{id}/versions/{version: [0-9]{1,9}}/revalidate")
    @RolesAllowed({Role.REVIEWER, Role.ADMIN})
    @Operation(summary = "Validate a stored version again",
            description = "Runs the current rule set on a stored version and returns the new report beside the "
                    + "stored one and its rule-set version. The stored report is not changed.")
    @APIResponse(responseCode = "200", description = "Both reports.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Revalidation.class)))
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    public Revalidation revalidateVersion(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(description = "Version number, from 1.") @RestPath int version) {
        return protocols.revalidateVersion(caller.get(), id, version)
                .orElseThrow(() -> ProblemException.notFound("Version " + version + " of protocol " + id));
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Role.SPONSOR)
    @Operation(summary = "Submit a protocol for review",
            description = "DRAFT or CHANGES_REQUESTED → SUBMITTED, only when the current version has no ERROR finding "
                    + "(otherwise 422 with the findings). If-Match is optional; when sent it must match.")
    @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotentRequests.KEY_DESCRIPTION,
            example = IdempotentRequests.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The protocol, now SUBMITTED.",
            headers = {
                @Header(name = "ETag", description = "The protocol's new entity tag.",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = IdempotentRequests.REPLAYED_HEADER, description = IdempotentRequests.REPLAYED_DESCRIPTION,
                        schema = @Schema(type = SchemaType.BOOLEAN))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProtocolEnvelope.class)))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_REQUEST)
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiExamples.ILLEGAL_STATE_OR_KEY_IN_USE)
    @APIResponse(responseCode = "412", ref = OpenApiExamples.STALE_ETAG)
    @APIResponse(responseCode = "422", ref = OpenApiExamples.SUBMISSION_BLOCKED_OR_KEY_REUSED)
    public Response submitProtocol(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(description = "Optional: the ETag you last read.") @RestHeader("If-Match") String ifMatch) {
        return idempotency.execute(caller.get(), ifMatch, new byte[0],
                () -> withEtag(lifecycle.submit(caller.get(), id, ifMatch)));
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed(Role.SPONSOR)
    @Operation(summary = "Withdraw a protocol",
            description = "Any non-terminal state → WITHDRAWN (terminal). If-Match is optional; when sent it must match.")
    @APIResponse(responseCode = "200", description = "The protocol, now WITHDRAWN.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProtocolEnvelope.class)))
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiExamples.ILLEGAL_STATE)
    @APIResponse(responseCode = "412", ref = OpenApiExamples.STALE_ETAG)
    public RestResponse<ProtocolEnvelope> withdrawProtocol(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(description = "Optional: the ETag you last read.") @RestHeader("If-Match") String ifMatch) {
        return withEtag(lifecycle.withdraw(caller.get(), id, ifMatch));
    }

    @POST
    @Path("{id}/amendments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SPONSOR)
    @Operation(summary = "Amend an approved protocol",
            description = "APPROVED → DRAFT with a new version: the document in the body, or a copy of the approved one "
                    + "when the body is empty. The approved version stays published until the amendment is approved.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProtocolDocument.class)))
    @APIResponse(responseCode = "201", description = "The amendment draft.",
            headers = @Header(name = "Location", description = "URL of the new version.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProtocolEnvelope.class)))
    @APIResponse(responseCode = "400", ref = OpenApiExamples.INVALID_DOCUMENT)
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = OpenApiExamples.ILLEGAL_STATE)
    @APIResponse(responseCode = "412", ref = OpenApiExamples.STALE_ETAG)
    public RestResponse<ProtocolEnvelope> amendProtocol(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(description = "Optional: the ETag you last read.") @RestHeader("If-Match") String ifMatch,
            byte[] body, UriInfo uriInfo) {
        var document = body == null || body.length == 0 ? java.util.Optional.<ParsedDocument>empty()
                : java.util.Optional.of(DocumentParser.parse(body));
        var envelope = lifecycle.amend(caller.get(), id, ifMatch, document);
        URI location = uriInfo.getBaseUriBuilder().path(ProtocolResource.class).path(id).path("versions")
                .path(String.valueOf(envelope.version())).build();
        return RestResponse.ResponseBuilder.<ProtocolEnvelope>created(location)
                .entity(envelope).header(HttpHeaders.ETAG, envelope.etag()).build();
    }

    @GET
    @Path("{id}/versions/{from: [0-9]{1,9}}/diff/{to: [0-9]{1,9}}")
    @Produces({"application/json-patch+json", MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(summary = "Compare two versions",
            description = "The RFC 6902 JSON Patch that turns version {from} into version {to} (made with zjsonpatch). "
                    + "Replace operations carry the old value in fromValue, remove operations in value.")
    @APIResponse(responseCode = "200", description = "The patch; empty when the versions are equal.",
            content = @Content(mediaType = "application/json-patch+json",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = PatchOperation.class)))
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    public JsonNode diffVersions(
            @Parameter(description = "Protocol id.") @RestPath String id,
            @Parameter(description = "The older version.") @RestPath int from,
            @Parameter(description = "The newer version.") @RestPath int to) {
        return protocols.diffVersions(caller.get(), id, from, to)
                .orElseThrow(() -> ProblemException.notFound("Versions " + from + " and " + to + " of protocol " + id));
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.ADMIN})
    @Operation(summary = "Read a protocol's audit history",
            description = "Every step (create, update, submit, review, amend, withdraw) in order, with who, when, the "
                    + "states before and after, the version, the request id and the hash chain links.")
    @APIResponse(responseCode = "200", description = "The history, oldest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryList.class)))
    @APIResponse(responseCode = "403", ref = OpenApiExamples.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = OpenApiExamples.NOT_FOUND)
    public ItemList<AuditEntry> readHistory(@Parameter(description = "Protocol id.") @RestPath String id) {
        return protocols.history(caller.get(), id)
                .map(ItemList::complete)
                .orElseThrow(() -> ProblemException.notFound("Protocol " + id));
    }

    private static RestResponse<ProtocolEnvelope> withEtag(ProtocolEnvelope envelope) {
        return RestResponse.ResponseBuilder.ok(envelope).header(HttpHeaders.ETAG, envelope.etag()).build();
    }

    /** One RFC 6902 operation, as the diff returns it. */
    @Schema(name = "PatchOperation")
    record PatchOperation(
            @Schema(examples = "replace") String op,
            @Schema(examples = "/dosing/initialDoseMg") String path,
            @Schema(description = "The new value (add, replace) or, for remove, the removed value.") Object value,
            @Schema(description = "For replace: the old value.") Object fromValue) {
    }

    /** Names the audit-history list schema. */
    @Schema(name = "HistoryList")
    record HistoryList(List<AuditEntry> items, String nextPageToken, Long totalCount) {
    }

    /** Names the list-of-versions schema in the OpenAPI document (generic records have no name of their own). */
    @Schema(name = "VersionList")
    record VersionList(List<VersionSummary> items, String nextPageToken, Long totalCount) {
    }
}
