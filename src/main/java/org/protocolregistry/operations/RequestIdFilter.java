package org.protocolregistry.operations;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every HTTP request an id, so that an operator can find every log line of one request and
 * a caller can quote it: the caller's {@code X-Request-Id} when it is a sane token (a proxy or a
 * client may have set one), otherwise a new random UUID. The id is echoed in the
 * {@code X-Request-Id} response header and put in the log MDC as {@code requestId}, which the JSON
 * log lines of the production profile carry. Quarkus keeps the MDC in the request's own Vert.x
 * context, so the id follows the request onto worker threads and never leaks into another request.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** The request and response header. */
    public static final String HEADER = "X-Request-Id";

    /** The MDC key, and the routing-context key, holding the id. */
    public static final String MDC_KEY = "requestId";

    /** The longest id kept: the audit trail records ids in a column of this length. */
    public static final int MAX_LENGTH = 100;

    /**
     * A sane incoming id: 1 to {@link #MAX_LENGTH} characters from letters, digits and
     * {@code - _ . : ~ + / =} (enough for UUIDs, W3C trace ids and base64 tokens). Anything else,
     * such as spaces, quotes, control characters or line breaks that could forge log lines, is
     * replaced by a new id.
     */
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:~+/=-]{1," + MAX_LENGTH + "}");

    /**
     * Registers the filter ahead of every other route (the request body limit included), so that
     * every answer, early refusals and errors too, carries the id. Observing the router before
     * the application's other observers puts this route first among those of the same order.
     */
    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assignRequestId);
    }

    void assignRequestId(RoutingContext context) {
        var id = requestIdFor(context.request().getHeader(HEADER));
        context.put(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        // Set again just before the headers go out, in case a later handler replaced them.
        context.addHeadersEndHandler(ignored -> context.response().headers().set(HEADER, id));
        context.addEndHandler(ignored -> MDC.remove(MDC_KEY));
        context.next();
    }

    /** The caller's id when it is sane, otherwise a new random UUID. */
    static String requestIdFor(String incoming) {
        if (incoming != null && SANE_ID.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }
}
