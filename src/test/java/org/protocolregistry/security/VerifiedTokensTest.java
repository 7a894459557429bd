package org.protocolregistry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.ParseException;

/** What the cache of verified tokens may and may not hand out, on a clock the test moves. */
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(5), clock);
    private final List<String> verifiedFromScratch = new ArrayList<>();

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() throws Exception {
        var first = tokens.verified("token-a", expiringIn(Duration.ofMinutes(10)));
        var again = tokens.verified("token-a", expiringIn(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(4));
        var later = tokens.verified("token-a", expiringIn(Duration.ofMinutes(10)));
        assertThat(verifiedFromScratch).containsExactly("token-a");
        assertThat(again).isSameAs(first);
        assertThat(later).isSameAs(first);
    }

    @Test
    void aTokenDifferingInOneCharacterIsVerifiedAfresh() throws Exception {
        tokens.verified("header.claims.signature", expiringIn(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> tokens.verified("header.claims.signaturf", refused()))
                .isInstanceOf(ParseException.class);
        assertThat(verifiedFromScratch).containsExactly("header.claims.signature", "header.claims.signaturf");
    }

    @Test
    void aKeptTokenIsNotHandedOutOnceItHasExpired() throws Exception {
        tokens.verified("token-b", expiringIn(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> tokens.verified("token-b", refused())).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.verified("token-b", refused())).isInstanceOf(ParseException.class);
        assertThat(verifiedFromScratch).containsExactly("token-b", "token-b", "token-b");
    }

    @Test
    void aRefusedTokenIsNeverKept() {
        assertThatThrownBy(() -> tokens.verified("forged", refused())).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.verified("forged", refused())).isInstanceOf(ParseException.class);
        assertThat(verifiedFromScratch).containsExactly("forged", "forged");
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheMaximumAgeEvenIfItIsStillValid() throws Exception {
        tokens.verified("token-c", expiringIn(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        tokens.verified("token-c", expiringIn(Duration.ofHours(1)));
        assertThat(verifiedFromScratch).containsExactly("token-c", "token-c");
    }

    @Test
    void aTokenAlreadyExpiredWhenVerifiedIsNotKept() throws Exception {
        // Accepted by the verifier within its clock skew, but past exp: the verifier decides every time.
        tokens.verified("token-d", expiringIn(Duration.ofSeconds(-10)));
        tokens.verified("token-d", expiringIn(Duration.ofSeconds(-10)));
        assertThat(verifiedFromScratch).containsExactly("token-d", "token-d");
    }

    @Test
    void aTokenWithoutExpiryIsNeverKept() throws Exception {
        VerifiedTokens.Verifier withoutExp = token -> {
            verifiedFromScratch.add(token);
            return new ExpiringToken(token, null);
        };
        tokens.verified("token-e", withoutExp);
        tokens.verified("token-e", withoutExp);
        assertThat(verifiedFromScratch).containsExactly("token-e", "token-e");
    }

    /** A verifier that accepts the token and says it expires this long after the clock's now. */
    private VerifiedTokens.Verifier expiringIn(Duration validity) {
        var expiresAt = clock.instant().plus(validity).getEpochSecond();
        return token -> {
            verifiedFromScratch.add(token);
            return new ExpiringToken(token, expiresAt);
        };
    }

    private VerifiedTokens.Verifier refused() {
        return token -> {
            verifiedFromScratch.add(token);
            throw new ParseException("refused");
        };
    }

    /** A token whose only claim is exp (none when {@code expiresAt} is null). */
    private record ExpiringToken(String getName, Long expiresAt) implements JsonWebToken {

        @Override
        public Set<String> getClaimNames() {
            return expiresAt == null ? Set.of() : Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return "exp".equals(claimName) ? (T) expiresAt : null;
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
