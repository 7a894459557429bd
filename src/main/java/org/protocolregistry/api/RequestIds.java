package org.protocolregistry.api;

import org.jboss.logging.MDC;
import org.protocolregistry.operations.RequestIdFilter;

/** The id of the request being handled, as the request-id filter put it in the logging context. */
public final class RequestIds {

    private RequestIds() {
    }

    /** The current request id, or null outside a request. */
    public static String current() {
        var id = MDC.get(RequestIdFilter.MDC_KEY);
        return id == null ? null : id.toString();
    }
}
