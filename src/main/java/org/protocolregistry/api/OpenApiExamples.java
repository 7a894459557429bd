package org.protocolregistry.api;

/**
 * Names of the shared error responses in the OpenAPI document and their examples, kept in
 * one place. The responses themselves are declared on {@link RegistryApplication}.
 */
public final class OpenApiExamples {

    public static final String INVALID_DOCUMENT = "InvalidDocument";
    public static final String INVALID_REQUEST = "InvalidRequest";
    public static final String UNAUTHENTICATED = "Unauthenticated";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String NOT_ACCEPTABLE = "NotAcceptable";
    public static final String ILLEGAL_STATE = "IllegalState";
    public static final String STALE_ETAG = "StaleEtag";
    public static final String BODY_TOO_LARGE = "BodyTooLarge";
    /** 408 of an operation whose request body stopped arriving (ProblemMappers.connectionFailed). */
    public static final String REQUEST_TIMEOUT = "RequestTimeout";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String PRECONDITION_REQUIRED = "PreconditionRequired";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String IDEMPOTENCY_KEY_IN_USE = "IdempotencyKeyInUse";
    public static final String IDEMPOTENCY_KEY_REUSED = "IdempotencyKeyReused";
    /** 409 of operations that take an Idempotency-Key and have lifecycle conflicts too. */
    public static final String ILLEGAL_STATE_OR_KEY_IN_USE = "IllegalStateOrIdempotencyKeyInUse";
    /** 422 of submit, which also refuses submissions with ERROR findings. */
    public static final String SUBMISSION_BLOCKED_OR_KEY_REUSED = "SubmissionBlockedOrIdempotencyKeyReused";
    public static final String QUERY_TIMEOUT = "QueryTimeout";
    /** 503 of a change that waited too long for a lock (ProblemMappers.busy). */
    public static final String BUSY = "Busy";

    static final String INVALID_DOCUMENT_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:invalid-document","title":"Invalid protocol document",\
            "status":400,"detail":"The request body is not a valid protocol document: expected a number, got the \
            string \\"120\\" (at \\"/dosing/initialDoseMg\\").","instance":"/api/v1/protocols",\
            "violations":[{"pointer":"/dosing/initialDoseMg","message":"expected a number, got the string \\"120\\""}]}""";

    static final String UNAUTHENTICATED_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:unauthenticated","title":"Authentication required",\
            "status":401,"detail":"Send a valid bearer token (Authorization: Bearer <JWT>).",\
            "instance":"/api/v1/protocols"}""";

    static final String FORBIDDEN_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:forbidden","title":"Forbidden","status":403,\
            "detail":"Your role does not allow this operation.","instance":"/api/v1/protocols"}""";

    static final String NOT_FOUND_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:not-found","title":"Not found","status":404,\
            "detail":"Protocol 01a219f7-239e-7b41-963b-7c307b2dd1d7 does not exist or is not visible to you.",\
            "instance":"/api/v1/protocols/01a219f7-239e-7b41-963b-7c307b2dd1d7"}""";

    static final String STALE_ETAG_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:stale-etag","title":"The protocol has changed",\
            "status":412,"detail":"The protocol has changed since you read it (its ETag is now \\"3.3\\"); read it \
            again, reapply your change and send the new ETag in If-Match.",\
            "instance":"/api/v1/protocols/01a219f7-239e-7b41-963b-7c307b2dd1d7"}""";

    static final String PRECONDITION_REQUIRED_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:precondition-required","title":"If-Match required",\
            "status":428,"detail":"Send the protocol's current ETag in If-Match so that you cannot overwrite a \
            change you have not seen.","instance":"/api/v1/protocols/01a219f7-239e-7b41-963b-7c307b2dd1d7",\
            "violations":[{"parameter":"If-Match","message":"required"}]}""";

    static final String RETRY_AFTER_DESCRIPTION =
            "When the Idempotency-Key is in use: seconds to wait before retrying.";

    static final String ILLEGAL_STATE_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:illegal-state",\
            "title":"Not allowed in the protocol's current state","status":409,\
            "detail":"A protocol in state SUBMITTED cannot be asked to submit; allowed: review, withdraw.",\
            "instance":"/api/v1/protocols/01a219f7-239e-7b41-963b-7c307b2dd1d7/submit",\
            "currentState":"SUBMITTED","allowedActions":["review","withdraw"]}""";

    static final String SUBMISSION_BLOCKED_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:submission-blocked",\
            "title":"The protocol has ERROR findings","status":422,\
            "detail":"Version 1 has 1 ERROR finding(s); fix them, then submit again.",\
            "instance":"/api/v1/protocols/01a219f7-239e-7b41-963b-7c307b2dd1d7/submit",\
            "findings":[{"ruleId":"DOSE-003","severity":"ERROR","path":"/dosing/initialDoseMg",\
            "message":"The initial dose of 150 mg exceeds the maximum of 125 mg.","reference":"Rule catalogue 2026.1"}]}""";

    static final String IDEMPOTENCY_KEY_IN_USE_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:idempotency-key-in-use",\
            "title":"A request with this Idempotency-Key is in progress","status":409,\
            "detail":"A request with this Idempotency-Key is still in progress; retry after it has finished to get \
            its response.","instance":"/api/v1/protocols"}""";

    static final String IDEMPOTENCY_KEY_REUSED_EXAMPLE = """
            {"type":"tag:protocolregistry.org,2026:problem:idempotency-key-reused",\
            "title":"Idempotency-Key already used for another request","status":422,\
            "detail":"This Idempotency-Key was already used for a different request (another method, path, body \
            or If-Match). Use a new key for a new request.","instance":"/api/v1/protocols",\
            "violations":[{"parameter":"Idempotency-Key","message":"already used for a different request"}]}""";

    private OpenApiExamples() {
    }
}
