package org.protocolregistry.api;

import jakarta.ws.rs.core.Response;

/** The problem types this API answers with; {@code about:blank} stands for plain HTTP errors. */
public enum ProblemType {
    INVALID_DOCUMENT("invalid-document", "Invalid protocol document", Response.Status.BAD_REQUEST),
    INVALID_REQUEST("invalid-request", "Invalid request", Response.Status.BAD_REQUEST),
    BODY_TOO_LARGE("body-too-large", "Request body too large", Response.Status.REQUEST_ENTITY_TOO_LARGE),
    PRECONDITION_REQUIRED("precondition-required", "If-Match required", Response.Status.fromStatusCode(428)),
    STALE_ETAG("stale-etag", "The protocol has changed", Response.Status.PRECONDITION_FAILED),
    ILLEGAL_STATE("illegal-state", "Not allowed in the protocol's current state", Response.Status.CONFLICT),
    NOT_FOUND("not-found", "Not found", Response.Status.NOT_FOUND),
    UNAUTHENTICATED("unauthenticated", "Authentication required", Response.Status.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", Response.Status.FORBIDDEN),
    INTERNAL("internal-error", "Internal error", Response.Status.INTERNAL_SERVER_ERROR);

    /** Problem type URIs are tag URIs (RFC 4151), stable identifiers that RFC 9457 allows. */
    public static final String TYPE_PREFIX = "tag:protocolregistry.org,2026:problem:";

    private final String slug;
    private final String title;
    private final Response.StatusType status;

    ProblemType(String slug, String title, Response.StatusType status) {
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
        return status.getStatusCode();
    }
}
