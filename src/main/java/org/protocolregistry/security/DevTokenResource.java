package org.protocolregistry.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.Violation;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * Issues tokens signed with the dev key pair, so that a newcomer can try the API in dev
 * mode. Built into dev and test only: the production artifact does not contain it.
 */
@Path("/dev/token")
@IfBuildProfile(anyOf = {"dev", "test"})
public class DevTokenResource {

    private static final Set<String> ROLES = Set.of(Role.SPONSOR, Role.REVIEWER, Role.VIEWER, Role.ADMIN);

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String issueDevToken(@RestQuery String role, @RestQuery String org, @RestQuery String sub) {
        if (role == null || !ROLES.contains(role)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Choose a role.",
                    List.of(Violation.atParameter("role", "one of sponsor, reviewer, viewer, admin")));
        }
        var builder = Jwt.issuer(issuer)
                .subject(sub == null || sub.isBlank() ? role + "-dev" : sub)
                .groups(role)
                .expiresIn(Duration.ofHours(12));
        if (org != null && !org.isBlank()) {
            builder.claim(CurrentCaller.ORG_CLAIM, org);
        }
        return builder.sign();
    }
}
