package org.protocolregistry.api;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.vertx.ext.web.Router;

/** Test-only endpoints that fail on purpose, to prove that faults leak nothing. */
public final class FaultInjection {

    static final String SECRET = "java.lang.IllegalStateException: secret at org.protocolregistry.Hidden";

    private FaultInjection() {
    }

    /** Fails inside a REST resource. */
    @Path("/test-only/resource-fault")
    public static class FailingResource {
        @GET
        @PermitAll
        @Operation(hidden = true)
        public String fail() {
            throw new IllegalStateException(SECRET);
        }
    }

    /** Fails in a plain HTTP route, outside the REST layer. */
    @ApplicationScoped
    public static class FailingRoute {
        void install(@Observes Router router) {
            router.get("/test-only/route-fault").handler(context -> context.fail(new IllegalStateException(SECRET)));
        }
    }
}
