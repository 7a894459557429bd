package org.protocolregistry.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} of the current request, read once from the verified JWT. */
@RequestScoped
public class CurrentCaller {

    /** The claim naming the sponsor organisation a sponsor token acts for. */
    public static final String ORG_CLAIM = "org";

    /**
     * The organisation claim of each verified token object, read once. A kept token serves many
     * requests ({@link VerifiedTokens}), and SmallRye's {@code getClaim} of a claim outside the
     * standard set throws and catches an exception every time. Keyed by identity (weak keys), so
     * an entry lives no longer than its token object.
     */
    private static final Cache<JsonWebToken, Optional<String>> ORGANISATIONS = Caffeine.newBuilder().weakKeys()
            .maximumSize(10_000).build();

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = identity.isAnonymous()
                    ? new Caller(null, null, Set.of())
                    : new Caller(identity.getPrincipal().getName(), organisation(), identity.getRoles());
        }
        return caller;
    }

    private String organisation() {
        if (identity.getPrincipal() instanceof JsonWebToken verified) {
            return ORGANISATIONS.get(verified, jwt -> Optional.ofNullable(stringClaim(jwt, ORG_CLAIM))).orElse(null);
        }
        return stringClaim(token, ORG_CLAIM);
    }

    /** A string claim's value; a claim of another JSON type counts as absent. */
    private static String stringClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String text ? text : null;
    }
}
