package org.protocolregistry.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when tokens could not be verified properly: without a verification key
 * every request would be refused, and without an issuer a token from anyone holding a
 * trusted key for another purpose would be accepted.
 */
@ApplicationScoped
public class TokenVerificationCheck {

    void onStart(@Observes StartupEvent event) {
        var config = ConfigProvider.getConfig();
        var hasKey = present(config.getOptionalValue("mp.jwt.verify.publickey", String.class))
                || present(config.getOptionalValue("mp.jwt.verify.publickey.location", String.class))
                || present(config.getOptionalValue("smallrye.jwt.verify.key.location", String.class));
        var hasIssuer = present(config.getOptionalValue("mp.jwt.verify.issuer", String.class));
        if (!hasKey || !hasIssuer) {
            throw new IllegalStateException("Token verification is not configured: set MP_JWT_VERIFY_PUBLICKEY_LOCATION "
                    + "(or MP_JWT_VERIFY_PUBLICKEY) to the issuer's RS256 public key and MP_JWT_VERIFY_ISSUER to its "
                    + "issuer. The production profile ships no key.");
        }
    }

    private static boolean present(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
