package org.protocolregistry.operations;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemMappers;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.RequestBodyLimit;
import org.protocolregistry.api.Violation;
import org.protocolregistry.security.Role;

import io.smallrye.common.annotation.Blocking;

/**
 * The load benchmark's baseline (src/test/load/run.sh): answers with bytes held in memory, so
 * that the benchmark can compare each real endpoint with the ceiling of the HTTP stack on the
 * same machine in the same run. It goes through everything a real request goes through (the
 * Vert.x router, the request-id and body-limit handlers, bearer-token verification, role check,
 * a worker thread, the REST layer, the access log) and leaves out only the database and the
 * JSON work. The benchmark stores the real answer's bytes in a named slot ({@code PUT}, admins),
 * then reads them back ({@code GET}, any role) or "creates" with the same body ({@code POST},
 * sponsors: the body is read and discarded, the stored bytes answer 201).
 *
 * <p>Off unless {@code registry.load-baseline.enabled=true}; while off, every path under it answers
 * 404 exactly like a path that does not exist, before authentication. Hidden from the OpenAPI
 * document, as it is no part of the API. Its slots live in this instance's memory only, which is
 * fine for a benchmark against one instance and the reason it is never switched on in production.
 */
@Path(LoadBaselineResource.PATH)
@Blocking // the real endpoints run on worker threads; so does the baseline, for a fair comparison
public class LoadBaselineResource {

    static final String PATH = "/api/v1/load-baseline";

    /** Slots a benchmark needs: one per scenario; more is a mistake. */
    static final int MAX_SLOTS = 8;

    private static final String SLOT_PATTERN = "[a-z0-9-]{1,40}";

    @ConfigProperty(name = "registry.load-baseline.enabled", defaultValue = "false")
    boolean enabled;

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private record Slot(byte[] body, String etag) {
    }

    /**
     * While disabled, the baseline does not exist: the same 404 as any unknown path, before any
     * token is looked at.
     */
    @ServerRequestFilter(preMatching = true)
    public Response hideUnlessEnabled(ContainerRequestContext request) {
        // Answered here, not thrown: the not-found mapper would see a served path and say 405.
        return hides(request.getUriInfo().getPath())
                ? ProblemMappers.noResourceAt(request.getUriInfo().getRequestUri().getRawPath()) : null;
    }

    boolean hides(String path) {
        return !enabled && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    @PUT
    @Path("{slot: " + SLOT_PATTERN + "}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN)
    @Operation(hidden = true)
    public Response storeSlot(@RestPath String slot, byte[] body) {
        RequestBodyLimit.requireWithinLimit(body == null ? 0 : body.length);
        if (!slots.containsKey(slot) && slots.size() >= MAX_SLOTS) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The load baseline holds at most " + MAX_SLOTS
                    + " slots.", List.of(Violation.atParameter("slot", "no free slot")));
        }
        var bytes = body == null ? new byte[0] : body;
        slots.put(slot, new Slot(bytes, "\"" + sha256(bytes).substring(0, 16) + "\""));
        return Response.noContent().build();
    }

    @GET
    @Path("{slot: " + SLOT_PATTERN + "}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN})
    @Operation(hidden = true)
    public Response readSlot(@RestPath String slot) {
        var stored = slotNamed(slot);
        return Response.ok(stored.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, stored.etag()).build();
    }

    @POST
    @Path("{slot: " + SLOT_PATTERN + "}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SPONSOR)
    @Operation(hidden = true)
    public Response createInSlot(@RestPath String slot, byte[] body) {
        RequestBodyLimit.requireWithinLimit(body == null ? 0 : body.length);
        var stored = slotNamed(slot);
        return Response.created(URI.create(PATH + "/" + slot))
                .entity(stored.body()).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, stored.etag()).build();
    }

    private Slot slotNamed(String slot) {
        var stored = slots.get(slot);
        if (stored == null) {
            throw ProblemException.notFound("Load baseline slot " + slot);
        }
        return stored;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
