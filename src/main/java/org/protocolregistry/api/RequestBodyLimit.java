package org.protocolregistry.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses bodies over 1 MiB with a 413 problem before reading them, when Content-Length
 * announces the size. Bodies sent in chunks are measured after reading (see
 * {@link #requireWithinLimit(int)}); the HTTP server's own, larger limit stops anything
 * absurd.
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Largest request body accepted: a protocol document is far smaller. */
    public static final int MAX_BODY_BYTES = 1_048_576;

    private static final String DETAIL = "The request body exceeds the limit of " + MAX_BODY_BYTES
            + " bytes (1 MiB); protocol documents are far smaller.";

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkAnnouncedLength);
    }

    private void checkAnnouncedLength(RoutingContext context) {
        var announced = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (announced != null && exceedsLimit(announced)) {
            // The body is left unread, so the connection cannot carry another request.
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            ProblemResponses.send(context, json, new Problem(ProblemType.BODY_TOO_LARGE.uri(),
                    ProblemType.BODY_TOO_LARGE.title(), ProblemType.BODY_TOO_LARGE.status(), DETAIL,
                    context.request().path(), null));
            return;
        }
        context.next();
    }

    private static boolean exceedsLimit(String announced) {
        try {
            return Long.parseLong(announced.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false; // the HTTP server refuses a malformed Content-Length itself
        }
    }

    /** Applies the limit to a body that arrived without a Content-Length. */
    public static void requireWithinLimit(int bodyLength) {
        if (bodyLength > MAX_BODY_BYTES) {
            throw new ProblemException(ProblemType.BODY_TOO_LARGE, DETAIL, null, Map.of());
        }
    }
}
