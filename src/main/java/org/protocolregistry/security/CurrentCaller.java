package org.protocolregistry.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} of the current request, read once from the verified JWT. */
@RequestScoped
public class CurrentCaller {

    /** The claim naming the sponsor organisation a sponsor token acts for. */
    public static final String ORG_CLAIM = "org";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = identity.isAnonymous()
                    ? new Caller(null, null, Set.of())
                    : new Caller(identity.getPrincipal().getName(), stringClaim(ORG_CLAIM), identity.getRoles());
        }
        return caller;
    }

    /** A string claim's value; a claim of another JSON type counts as absent. */
    private String stringClaim(String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String text ? text : null;
    }
}
