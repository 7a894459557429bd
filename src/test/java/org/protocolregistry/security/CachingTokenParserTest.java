package org.protocolregistry.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The bearer-token mechanism goes through the cache of verified tokens: a token sent again is
 * not verified again, and a token that differs from a kept one only in its signature is still
 * refused.
 */
@QuarkusTest
class CachingTokenParserTest {

    private static final String PROTOCOLS = "/api/v1/protocols";

    @Test
    void aTokenSentThreeTimesIsVerifiedOnce() {
        var token = Tokens.sponsor(Tokens.uniqueOrg());
        var before = verifications();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get(PROTOCOLS).then().statusCode(200);
        }
        assertThat(verifications() - before).isEqualTo(1.0);
    }

    @Test
    void aKeptTokenWithAnotherSignatureIsRefused() {
        var token = Tokens.sponsor(Tokens.uniqueOrg());
        given().auth().oauth2(token).get(PROTOCOLS).then().statusCode(200);
        var parts = token.split("\\.");
        var forged = parts[0] + "." + parts[1] + "." + Tokens.sponsorSignedWithAnotherKey("x").split("\\.")[2];
        given().auth().oauth2(forged).get(PROTOCOLS).then().statusCode(401);
        var truncated = token.substring(0, token.length() - 2);
        given().auth().oauth2(truncated).get(PROTOCOLS).then().statusCode(401);
        given().auth().oauth2(token).get(PROTOCOLS).then().statusCode(200);
    }

    private static double verifications() {
        var metrics = given().get("/q/metrics").asString();
        return metrics.lines().filter(line -> line.startsWith("registry_token_verifications_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0.0);
    }
}
