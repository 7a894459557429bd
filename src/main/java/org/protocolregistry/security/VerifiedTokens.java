package org.protocolregistry.security;

import java.time.Clock;
import java.time.Duration;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Bearer tokens this replica has verified, by their exact text, until they expire. A client
 * sends the same token with every request, and checking its RS256 signature and parsing its
 * claims again each time was about a tenth of a create's CPU (load benchmark, README). Only a
 * token that passed every check is kept, under the whole token string (header, claims and
 * signature), so a token differing in any character is verified afresh; a kept token is given
 * out only while its {@code exp} lies in the future, after which the verifier decides again
 * (with its clock skew). At most {@code maxSize} tokens, each for at most {@code maxAge}: a
 * change of the verification key reaches tokens already kept within that time.
 */
public final class VerifiedTokens {

    /** Verifies a token from scratch, or throws. */
    @FunctionalInterface
    public interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    private final Cache<String, JsonWebToken> verified;
    private final Clock clock;

    public VerifiedTokens(long maxSize, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(maxAge)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    public JsonWebToken verified(String token, Verifier verifier) throws ParseException {
        var kept = verified.getIfPresent(token);
        if (kept != null && unexpired(kept)) {
            return kept;
        }
        var fresh = verifier.verify(token);
        if (unexpired(fresh)) {
            verified.put(token, fresh);
        } else {
            verified.invalidate(token);
        }
        return fresh;
    }

    private boolean unexpired(JsonWebToken token) {
        // exp is in seconds. A token without one is never kept (SmallRye requires it anyway);
        // read as a claim, since getExpirationTime() would unbox a missing one.
        Object exp = token.getClaim(Claims.exp.name());
        return exp instanceof Number seconds && clock.millis() < seconds.longValue() * 1000L;
    }
}
