package org.protocolregistry.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Builds {@code application/problem+json} responses. */
public final class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {
    }

    public static Response of(ProblemException e, String instance) {
        var type = e.type();
        var problem = new Problem(type.uri(), type.title(), type.status(), e.detail(), instance, e.violations(),
                e.currentState(), e.allowedActions(), e.findings());
        var response = Response.status(type.status()).type(PROBLEM_JSON).entity(problem);
        e.headers().forEach(response::header);
        return response.build();
    }

    public static Response of(ProblemType type, String detail, String instance, List<Violation> violations,
            Map<String, String> headers) {
        var problem = new Problem(type.uri(), type.title(), type.status(), detail, instance, violations);
        var response = Response.status(type.status()).type(PROBLEM_JSON).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }

    /** Writes a problem straight to a Vert.x response, for answers given outside the REST layer. */
    static void send(RoutingContext context, ObjectMapper json, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            context.response().setStatusCode(500).end();
            return;
        }
        context.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .end(body);
    }

    /** A plain HTTP error: type about:blank, the status's reason phrase as title (RFC 9457 section 4.2.1). */
    public static Response plain(int status, String title, String detail, String instance, Map<String, String> headers) {
        var problem = new Problem("about:blank", title, status, detail, instance, null);
        var response = Response.status(status).type(PROBLEM_JSON).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }
}
