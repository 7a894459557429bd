package org.protocolregistry.api;

import org.jboss.logging.MDC;

/** The id of the request being handled, as the request-id filter put it in the logging context. */
public final class RequestIds {

    /** The logging-context key of the request id. */
    public static final String MDC_KEY = "requestId";

    private RequestIds() {
    }

    /** The current request id, or null outside a request. */
    public static String current() {
        var id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
