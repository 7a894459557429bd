package org.protocolregistry.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a URL that carries U+0000 ({@code %00}) in its path or query with a 400 problem,
 * before any handler reads it. No id, code, organisation or search text holds NUL, and
 * PostgreSQL cannot even compare text that does: the query would fail instead of matching
 * nothing.
 */
@ApplicationScoped
public class UrlNulCheck {

    static final String DETAIL = "The URL holds U+0000 (%00), which no identifier, code or search text may contain.";

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseNul);
    }

    private void refuseNul(RoutingContext context) {
        if (context.request().uri().contains("%00")) {
            ProblemResponses.send(context, json, new Problem(ProblemType.INVALID_REQUEST.uri(),
                    ProblemType.INVALID_REQUEST.title(), ProblemType.INVALID_REQUEST.status(), DETAIL,
                    context.request().path(), null));
            return;
        }
        context.next();
    }
}
