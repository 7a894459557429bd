package org.protocolregistry.testing;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Tokens for tests, signed with the dev key (test profile) unless a test wants a bad one. */
public final class Tokens {

    public static final String ISSUER = "https://protocol-registry.dev/issuer";

    private Tokens() {
    }

    /** A sponsor client of the given organisation. */
    public static String sponsor(String org) {
        return claims("sponsor").claim("org", org).sign();
    }

    public static String reviewer() {
        return claims("reviewer").sign();
    }

    public static String viewer() {
        return claims("viewer").sign();
    }

    public static String admin() {
        return claims("admin").sign();
    }

    /** A token with the given groups, signed with the dev key. */
    public static JwtClaimsBuilder claims(String... groups) {
        return Jwt.issuer(ISSUER)
                .subject("test-" + (groups.length == 0 ? "none" : groups[0]))
                .groups(java.util.Set.of(groups))
                .expiresIn(Duration.ofMinutes(10));
    }

    public static String expiredSponsor(String org) {
        var issuedAt = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer(ISSUER).subject("late").groups("sponsor").claim("org", org)
                .issuedAt(issuedAt).expiresAt(issuedAt.plus(Duration.ofMinutes(10))).sign();
    }

    public static String sponsorFromOtherIssuer(String org) {
        return Jwt.issuer("https://someone-else.example/issuer").subject("other").groups("sponsor").claim("org", org)
                .expiresIn(Duration.ofMinutes(10)).sign();
    }

    /** Right claims, wrong key: a forgery. */
    public static String sponsorSignedWithAnotherKey(String org) {
        return claims("sponsor").claim("org", org).sign(randomKey());
    }

    /** A unique organisation, so tests never see each other's protocols. */
    public static String uniqueOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static PrivateKey randomKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
