package org.protocolregistry.api;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's OpenAPI header: description, the bearer scheme and the shared problem responses. */
@OpenAPIDefinition(
        info = @Info(title = "Protocol Registry API", version = "1",
                description = "Trial sponsors submit structured protocols for MDMA-assisted therapy of chronic pain; "
                        + "a safety validator checks them; ethics boards review them. Every error is an RFC 9457 "
                        + "problem (application/problem+json) naming the field at fault by JSON Pointer. A path that is "
                        + "not described here answers 404, and a method that a path does not support 405 with an "
                        + "Allow header listing those it does, both as problems.",
                license = @License(name = "Proprietary", identifier = "LicenseRef-Proprietary")),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "RS256 JWT. Roles in the groups claim (sponsor, reviewer, viewer, admin); "
                                + "sponsors also carry their organisation in the org claim."),
                responses = {
                    @APIResponse(name = OpenApiExamples.INVALID_DOCUMENT,
                            description = "The body is not a valid protocol document: malformed JSON, a wrong type, an "
                                    + "unknown property or code, a null list element, or no registration.briefTitle.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = @ExampleObject(name = "wrongType",
                                            value = OpenApiExamples.INVALID_DOCUMENT_EXAMPLE))),
                    @APIResponse(name = OpenApiExamples.INVALID_REQUEST,
                            description = "A parameter is invalid; the violations name it.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = OpenApiExamples.UNAUTHENTICATED,
                            description = "No bearer token, or one that is invalid, expired or from another issuer.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = @ExampleObject(name = "noToken",
                                            value = OpenApiExamples.UNAUTHENTICATED_EXAMPLE))),
                    @APIResponse(name = OpenApiExamples.FORBIDDEN,
                            description = "The caller's role may not do this.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = @ExampleObject(name = "wrongRole",
                                            value = OpenApiExamples.FORBIDDEN_EXAMPLE))),
                    @APIResponse(name = OpenApiExamples.NOT_FOUND,
                            description = "No such resource, or one the caller may not see (another sponsor's "
                                    + "protocol answers 404, not 403).",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = @ExampleObject(name = "notVisible",
                                            value = OpenApiExamples.NOT_FOUND_EXAMPLE))),
                    @APIResponse(name = OpenApiExamples.NOT_ACCEPTABLE,
                            description = "None of the media types in Accept can be produced.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = OpenApiExamples.ILLEGAL_STATE,
                            description = "Not allowed in the protocol's current lifecycle state (currentState and "
                                    + "allowedActions say what is), or another decision was recorded at the same moment.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = OpenApiExamples.STALE_ETAG,
                            description = "If-Match does not match the protocol's current ETag: someone changed it "
                                    + "since you read it.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = @ExampleObject(name = "stale",
                                            value = OpenApiExamples.STALE_ETAG_EXAMPLE))),
                    @APIResponse(name = OpenApiExamples.BODY_TOO_LARGE,
                            description = "The body exceeds 1 MiB.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = OpenApiExamples.REQUEST_TIMEOUT,
                            description = "The request body stopped arriving for longer than the registry's read "
                                    + "timeout (30 s); nothing was changed. The connection is closed, usually "
                                    + "before this answer can be written; send the whole request again.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = OpenApiExamples.UNSUPPORTED_MEDIA_TYPE,
                            description = "The body is not sent as application/json.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = OpenApiExamples.PRECONDITION_REQUIRED,
                            description = "If-Match is missing.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = @ExampleObject(name = "noIfMatch",
                                            value = OpenApiExamples.PRECONDITION_REQUIRED_EXAMPLE))),
                    @APIResponse(name = OpenApiExamples.IDEMPOTENCY_KEY_IN_USE,
                            description = "A request with the same Idempotency-Key is still in progress; retry after "
                                    + "Retry-After seconds to get its response.",
                            headers = @Header(name = "Retry-After", description = OpenApiExamples.RETRY_AFTER_DESCRIPTION,
                                    schema = @Schema(type = SchemaType.INTEGER)),
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = @ExampleObject(name = "keyInUse",
                                            value = OpenApiExamples.IDEMPOTENCY_KEY_IN_USE_EXAMPLE))),
                    @APIResponse(name = OpenApiExamples.IDEMPOTENCY_KEY_REUSED,
                            description = "The Idempotency-Key was already used by this caller for a different request "
                                    + "(method, path, body or If-Match).",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = @ExampleObject(name = "keyReused",
                                            value = OpenApiExamples.IDEMPOTENCY_KEY_REUSED_EXAMPLE))),
                    @APIResponse(name = OpenApiExamples.ILLEGAL_STATE_OR_KEY_IN_USE,
                            description = "Not allowed in the protocol's current lifecycle state (currentState and "
                                    + "allowedActions say what is), another decision was recorded at the same moment, "
                                    + "or a request with the same Idempotency-Key is still in progress.",
                            headers = @Header(name = "Retry-After", description = OpenApiExamples.RETRY_AFTER_DESCRIPTION,
                                    schema = @Schema(type = SchemaType.INTEGER)),
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = {
                                        @ExampleObject(name = "illegalState",
                                                value = OpenApiExamples.ILLEGAL_STATE_EXAMPLE),
                                        @ExampleObject(name = "keyInUse",
                                                value = OpenApiExamples.IDEMPOTENCY_KEY_IN_USE_EXAMPLE)})),
                    @APIResponse(name = OpenApiExamples.SUBMISSION_BLOCKED_OR_KEY_REUSED,
                            description = "The current version has ERROR findings (listed in findings), or the "
                                    + "Idempotency-Key was already used by this caller for a different request.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class),
                                    examples = {
                                        @ExampleObject(name = "errorFindings",
                                                value = OpenApiExamples.SUBMISSION_BLOCKED_EXAMPLE),
                                        @ExampleObject(name = "keyReused",
                                                value = OpenApiExamples.IDEMPOTENCY_KEY_REUSED_EXAMPLE)})),
                    @APIResponse(name = OpenApiExamples.QUERY_TIMEOUT,
                            description = "The query ran longer than the registry's statement time limit and was "
                                    + "cancelled; narrow the filters or retry after Retry-After seconds.",
                            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying.",
                                    schema = @Schema(type = SchemaType.INTEGER)),
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = OpenApiExamples.BUSY,
                            description = "Other changes held the rows this change needs for longer than the "
                                    + "database's lock timeout; nothing was changed. Send the same request again "
                                    + "after Retry-After seconds (with the same Idempotency-Key, if one was sent).",
                            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying.",
                                    schema = @Schema(type = SchemaType.INTEGER)),
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = OpenApiExamples.INTERNAL_ERROR,
                            description = "An unexpected fault; nothing about it is disclosed, and it is logged.",
                            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                                    schema = @Schema(implementation = Problem.class)))
                }))
public class RegistryApplication extends Application {
}
