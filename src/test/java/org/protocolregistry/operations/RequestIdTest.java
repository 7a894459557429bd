package org.protocolregistry.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.as;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every answer of the application carries a request id: the caller's when sane, else a new one.
 * Boots the default test profile, shared with the other HTTP tests (no extra boot).
 */
@QuarkusTest
class RequestIdTest {

    @Test
    void echoesTheCallersIdOnAHealthCheck() {
        var id = given().header(RequestIdFilter.HEADER, "probe-7").get("/q/health/live")
                .then().statusCode(200).extract().header(RequestIdFilter.HEADER);

        assertThat(id).isEqualTo("probe-7");
    }

    @Test
    void generatesAnIdForAnApiCallWithoutOne() {
        var id = given().get("/api/v1/rules").then().statusCode(401).extract().header(RequestIdFilter.HEADER);

        assertThat(id).matches("[0-9a-f-]{36}");
    }

    /** Regression: ids of 101 to 128 characters were echoed, then did not fit the audit trail (500 on every write). */
    @Test
    void aWriteRecordsTheLongestIdTheAuditTrailHoldsAndReplacesLongerOnes() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var longest = "r".repeat(RequestIdFilter.MAX_LENGTH);

        var kept = as(sponsor).header(RequestIdFilter.HEADER, longest).contentType("application/json")
                .body(ProtocolApi.draft("request id")).post(ProtocolApi.PROTOCOLS).then().statusCode(201).extract();
        var replaced = as(sponsor).header(RequestIdFilter.HEADER, longest + "r").contentType("application/json")
                .body(ProtocolApi.draft("request id")).post(ProtocolApi.PROTOCOLS).then().statusCode(201).extract();

        assertThat(kept.header(RequestIdFilter.HEADER)).isEqualTo(longest);
        assertThat(ProtocolApi.get(sponsor, ProtocolApi.PROTOCOLS + "/" + kept.path("id") + "/history")
                .<String>path("items[0].requestId")).isEqualTo(longest);
        assertThat(replaced.header(RequestIdFilter.HEADER)).matches("[0-9a-f-]{36}");
    }

    @Test
    void replacesAnOverlongIdOnAnUnknownPath() {
        var id = as(Tokens.viewer()).header(RequestIdFilter.HEADER, "x".repeat(200)).get("/api/v1/nothing-here")
                .then().statusCode(404).extract().header(RequestIdFilter.HEADER);

        assertThat(id).matches("[0-9a-f-]{36}");
    }
}
