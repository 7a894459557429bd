package org.protocolregistry.security;

import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Puts {@link VerifiedTokens} in front of SmallRye JWT's parser, which the bearer-token
 * mechanism calls once per request; every other method of the parser is left as it is.
 * {@code registry.verified-tokens.max-size=0} switches the cache off.
 */
@Decorator
@Priority(1)
abstract class CachingTokenParser implements JWTParser {

    @Inject
    @Delegate
    @Any
    JWTParser parser;

    @Inject
    MeterRegistry meters;

    /** Null when switched off. */
    private final VerifiedTokens tokens;
    private volatile Counter verifications;

    CachingTokenParser() {
        var config = ConfigProvider.getConfig();
        var maxSize = config.getOptionalValue("registry.verified-tokens.max-size", Long.class).orElse(10_000L);
        var maxAge = config.getOptionalValue("registry.verified-tokens.max-age", Duration.class)
                .orElse(Duration.ofMinutes(5));
        tokens = maxSize > 0 ? new VerifiedTokens(maxSize, maxAge, Clock.systemUTC()) : null;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return tokens == null ? verify(token) : tokens.verified(token, this::verify);
    }

    private JsonWebToken verify(String token) throws ParseException {
        if (verifications == null) {
            verifications = Counter.builder("registry.token.verifications")
                    .description("Bearer tokens verified from scratch (signature and claims), not from the cache")
                    .register(meters);
        }
        verifications.increment();
        return parser.parse(token);
    }
}
