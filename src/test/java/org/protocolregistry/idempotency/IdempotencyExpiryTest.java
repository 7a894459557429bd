package org.protocolregistry.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.draft;
import static org.protocolregistry.testing.ProtocolApi.get;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** registry.idempotency.ttl is read: with a TTL of 2 s a key is new again once 2 s have passed. */
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

    @Test
    void aKeyIsReplayedWithinItsTimeToLiveAndNewAfterIt() throws InterruptedException {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var key = UUID.randomUUID().toString();
        var body = draft("short-lived key");

        var first = create(sponsor, key, body);
        var replay = create(sponsor, key, body);
        Thread.sleep(2_100);
        var afterExpiry = create(sponsor, key, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(afterExpiry.statusCode()).isEqualTo(201);
        assertThat(afterExpiry.header("Idempotent-Replayed")).isNull();
        assertThat(afterExpiry.<String>path("id")).isNotEqualTo(first.path("id"));
        assertThat(get(sponsor, PROTOCOLS + "?countTotal=true").<Integer>path("totalCount")).isEqualTo(2);
    }

    private static ExtractableResponse<Response> create(String token, String key, String body) {
        return as(token).header("Idempotency-Key", key).contentType("application/json").body(body).post(PROTOCOLS)
                .then().extract();
    }
}
