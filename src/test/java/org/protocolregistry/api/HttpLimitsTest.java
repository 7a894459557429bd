package org.protocolregistry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Request size limits (application.properties) answer clean 4xx. Headers over 16 KiB (431) and
 * request lines over 4 KiB (414) are refused by Vert.x while decoding, before any application
 * code runs: those answers have an empty body, not problem+json, and close the connection.
 */
@QuarkusTest
class HttpLimitsTest {

    @Test
    void headersOverSixteenKibibytesAnswer431() {
        var response = as(Tokens.viewer()).header("X-Padding", "a".repeat(17 * 1024)).get("/api/v1/rules")
                .then().extract();

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.asString()).isEmpty();
    }

    @Test
    void headersJustUnderTheLimitAreServed() {
        var response = as(Tokens.viewer()).header("X-Padding", "a".repeat(14 * 1024)).get("/api/v1/rules")
                .then().extract();

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void requestLinesOverFourKibibytesAnswer414() {
        var response = as(Tokens.viewer()).urlEncodingEnabled(false)
                .get(PROTOCOLS + "?q=" + "a".repeat(4096)).then().extract();

        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.asString()).isEmpty();
    }

    @Test
    void manyQueryParametersWithinTheLineLimitAnswerAProblemNamingThem() {
        var parameters = String.join("&", java.util.stream.IntStream.range(0, 600).mapToObj(i -> "p" + i).toList());

        var response = as(Tokens.viewer()).urlEncodingEnabled(false).get(PROTOCOLS + "?" + parameters)
                .then().extract();

        ProblemResponsesTest.assertProblem(response, 400);
        assertThat(response.<List<String>>path("violations.parameter")).hasSize(600).contains("p0", "p599");
    }

    @Test
    void aRepeatedFilterWithinTheLineLimitIsServed() {
        var parameters = String.join("&", java.util.Collections.nCopies(250, "status=DRAFT"));

        var response = as(Tokens.admin()).urlEncodingEnabled(false).get(PROTOCOLS + "?" + parameters)
                .then().extract();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.<List<?>>path("items")).isNotNull();
    }

    @Test
    void formsAreNotAcceptedAnywhere() {
        var response = as(Tokens.sponsor(Tokens.uniqueOrg())).contentType("application/x-www-form-urlencoded")
                .formParam("registration", "x").post(PROTOCOLS).then().extract();

        ProblemResponsesTest.assertProblem(response, 415);
    }

    /** The limits in force are the documented ones, not framework defaults that may change. */
    @Test
    void limitsAreSetExplicitly() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        // quarkus.http.read-timeout is 30S outside tests; tests wait for it (ClientConnectionTest), so 3S here.
        var expected = java.util.Map.of("quarkus.http.limits.max-header-size", "16K",
                "quarkus.http.limits.max-initial-line-length", "4096",
                "quarkus.http.limits.max-form-attribute-size", "2K", "quarkus.http.limits.max-form-fields", "32",
                "quarkus.http.limits.max-parameters", "32", "quarkus.http.limits.max-connections", "1024",
                "quarkus.http.idle-timeout", "75S", "quarkus.http.read-timeout", "3S",
                "quarkus.transaction-manager.default-transaction-timeout", "30S",
                "registry.search.statement-timeout", "10S");

        expected.forEach((key, value) -> assertThat(config.getConfigValue(key).getRawValue()).as(key).isEqualTo(value));
    }
}
