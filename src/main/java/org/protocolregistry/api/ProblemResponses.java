package org.protocolregistry.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** Builds {@code application/problem+json} responses. */
public final class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response of(ProblemType type, String detail, String instance, List<Violation> violations,
            Map<String, String> headers) {
        var problem = new Problem(type.uri(), type.title(), type.status(), detail, instance, violations);
        var response = Response.status(type.status()).type(PROBLEM_JSON).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }

    /** A plain HTTP error: type about:blank, the status's reason phrase as title (RFC 9457 section 4.2.1). */
    public static Response plain(int status, String title, String detail, String instance, Map<String, String> headers) {
        var problem = new Problem("about:blank", title, status, detail, instance, null);
        var response = Response.status(status).type(PROBLEM_JSON).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }
}
