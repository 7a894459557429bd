package org.protocolregistry.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.draft;
import static org.protocolregistry.testing.ProtocolApi.get;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Tokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** registry.idempotency.ttl is read: with a TTL of 2 s a key is new again once its 2 s have passed. */
@QuarkusTest
@TestProfile(IdempotencyExpiryTest.ShortLivedKeys.class)
class IdempotencyExpiryTest {

    /** Only a second boot proves the setting is read; IdempotencyTest covers expiry without waiting. */
    public static class ShortLivedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registry.idempotency.ttl", "2s");
        }
    }

    @Inject
    EntityManager entityManager;

    @Test
    void aKeyIsNewAgainOnceTheConfiguredTimeToLiveHasPassed() throws InterruptedException {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var key = UUID.randomUUID().toString();
        var body = draft("short-lived key");
        var first = create(sponsor, key, body);
        var record = recordOf(first);

        assertThat(Duration.between(record.completedAt, record.expiresAt)).isEqualTo(Duration.ofSeconds(2));
        // Waits for the stored expiry rather than a fixed time, so a slow machine cannot make it flaky.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), record.expiresAt).toMillis()) + 50);
        var afterExpiry = create(sponsor, key, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(afterExpiry.statusCode()).isEqualTo(201);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(afterExpiry.<String>path("id")).isNotEqualTo(first.path("id"));
        assertThat(get(sponsor, PROTOCOLS + "?countTotal=true").<Integer>path("totalCount")).isEqualTo(2);
    }

    private IdempotencyRecord recordOf(ExtractableResponse<Response> created) {
        var body = created.asString();
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("from IdempotencyRecord r where r.responseBody = :body", IdempotencyRecord.class)
                .setParameter("body", body).getSingleResult());
    }

    private static ExtractableResponse<Response> create(String token, String key, String body) {
        return as(token).header("Idempotency-Key", key).contentType("application/json").body(body).post(PROTOCOLS)
                .then().extract();
    }
}
