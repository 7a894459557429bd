package org.protocolregistry.api;

/** The problem types this API answers with; {@code about:blank} stands for plain HTTP errors. */
public enum ProblemType {
    INVALID_DOCUMENT("invalid-document", "Invalid protocol document", 400),
    INVALID_REQUEST("invalid-request", "Invalid request", 400),
    BODY_TOO_LARGE("body-too-large", "Request body too large", 413),
    REQUEST_TIMEOUT("request-timeout", "Request body not received in time", 408),
    PRECONDITION_REQUIRED("precondition-required", "If-Match required", 428),
    STALE_ETAG("stale-etag", "The protocol has changed", 412),
    ILLEGAL_STATE("illegal-state", "Not allowed in the protocol's current state", 409),
    CONCURRENT_DECISION("concurrent-change", "Another change was recorded first", 409),
    SUBMISSION_BLOCKED("submission-blocked", "The protocol has ERROR findings", 422),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", "A request with this Idempotency-Key is in progress", 409),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key already used for another request", 422),
    NOT_FOUND("not-found", "Not found", 404),
    UNAUTHENTICATED("unauthenticated", "Authentication required", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    QUERY_TIMEOUT("query-timeout", "The query took too long", 503),
    BUSY("busy", "The registry is busy", 503),
    INTERNAL("internal-error", "Internal error", 500);

    /** Problem type URIs are tag URIs (RFC 4151), stable identifiers that RFC 9457 allows. */
    public static final String TYPE_PREFIX = "tag:protocolregistry.org,2026:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
