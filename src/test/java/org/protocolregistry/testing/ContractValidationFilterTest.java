package org.protocolregistry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;

import org.junit.jupiter.api.Test;

import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

/**
 * The contract filter's rules, on hand-made exchanges: that it passes what keeps the contract and
 * fails what breaks it, so that a green HTTP suite means something.
 */
class ContractValidationFilterTest {

    private static final ContractValidationFilter FILTER = new ContractValidationFilter(ContractValidationFilter.CONTRACT);

    private static final String PROTOCOLS = "/api/v1/protocols";
    private static final String REPORT = """
            {"ruleSetVersion":"2026.1","valid":true,"counts":{"ERROR":0,"WARNING":0,"INFO":0},"findings":[],\
            "thresholds":{"dose.max-initial-mg":125}}""";
    private static final String PROBLEM = """
            {"type":"tag:protocolregistry.org,2026:problem:invalid-document","title":"Invalid protocol document",\
            "status":400,"detail":"unknown property","instance":"/api/v1/protocols",\
            "violations":[{"pointer":"/surprise","message":"unknown property"}]}""";

    private static String envelope(String document, String extraMember) {
        return """
                {"id":"01a219f7-239e-7b41-963b-7c307b2dd1d7","sponsorOrg":"acme-pain","status":"DRAFT","version":1,\
                "createdAt":"2026-11-26T09:30:00.123Z","updatedAt":"2026-11-26T09:30:00.123Z","etag":"\\"1.0\\"",\
                "document":%s,"validation":%s%s}""".formatted(document, REPORT, extraMember);
    }

    private static Request post(String path, String body) {
        return new SimpleRequest.Builder("POST", path).withContentType("application/json")
                .withHeader("Authorization", "Bearer token").withBody(body).build();
    }

    private static Request get(String path) {
        return new SimpleRequest.Builder("GET", path).withHeader("Authorization", "Bearer token").build();
    }

    private static Response answer(int status, String contentType, String body) {
        return new ResponseBuilder().setStatusCode(status).setContentType(contentType).setBody(body).build();
    }

    private static String check(Request request, Response response) {
        return FILTER.check(request, response);
    }

    @Test
    void anEnvelopeThatKeepsTheContractPassesWithNullsWhereTheDocumentAllowsThem() {
        var document = """
                {"registration":{"briefTitle":"T","acronym":null,"phase":null,"countries":["US","US"]},\
                "dosing":{"initialDoseMg":120.0,"saltForm":null},"condition":null}""";

        assertThat(check(post(PROTOCOLS, document), answer(201, "application/json", envelope(document, ""))))
                .isNull();
    }

    @Test
    void aResponseWithAWrongTypeAnUndocumentedMemberOrAForbiddenNullFails() {
        var document = "{\"registration\":{\"briefTitle\":\"T\"}}";
        var request = post(PROTOCOLS, document);

        assertThat(check(request, answer(201, "application/json",
                envelope(document, "").replace("\"version\":1", "\"version\":\"1\""))))
                .contains("the response breaks the contract").contains("/version");
        assertThat(check(request, answer(201, "application/json", envelope(document, ",\"internalId\":7"))))
                .contains("internalId");
        assertThat(check(request, answer(201, "application/json",
                envelope("{\"registration\":{\"briefTitle\":\"T\"},\"dosing\":{\"sessionCount\":2.5}}", ""))))
                .contains("/document/dosing/sessionCount");
        assertThat(check(request, answer(201, "application/json",
                envelope("{\"registration\":null}", ""))))
                .contains("/document/registration");
        assertThat(check(request, answer(201, "application/json",
                envelope("{\"registration\":{\"briefTitle\":\"T\"},\"arms\":[null]}", ""))))
                .contains("/document/arms/0");
    }

    @Test
    void anUndocumentedStatusOrContentTypeFails() {
        var document = "{\"registration\":{\"briefTitle\":\"T\"}}";

        assertThat(check(post(PROTOCOLS, document), answer(418, "application/problem+json", PROBLEM)))
                .contains("418");
        assertThat(check(post(PROTOCOLS, document), answer(400, "application/json", PROBLEM)))
                .contains("application/json");
    }

    @Test
    void aRequestTheContractCallsInvalidMayBeRefusedButNeverAccepted() {
        var withUnknownField = "{\"registration\":{\"briefTitle\":\"T\"},\"surprise\":1}";

        assertThat(check(post(PROTOCOLS, withUnknownField), answer(400, "application/problem+json", PROBLEM)))
                .isNull();
        assertThat(check(post(PROTOCOLS, withUnknownField),
                answer(201, "application/json", envelope("{\"registration\":{\"briefTitle\":\"T\"}}", ""))))
                .contains("the contract calls this request invalid, yet the server accepted it")
                .contains("surprise");
    }

    @Test
    void nullPageTokensAndAnIntactChainKeepTheContract() {
        assertThat(check(get(PROTOCOLS + "/01a219f7-239e-7b41-963b-7c307b2dd1d7/versions"),
                answer(200, "application/json", """
                        {"items":[{"version":1,"createdAt":"2026-11-26T09:30:00Z","createdBy":"s",\
                        "sha256":"ab"}],"nextPageToken":null,"totalCount":1}""")))
                .isNull();
        assertThat(check(get("/api/v1/audit/verify"), answer(200, "application/json",
                "{\"intact\":true,\"eventsChecked\":3,\"firstBrokenLink\":null}")))
                .isNull();
    }

    @Test
    void undocumentedApiPathsMustBeRefusedAsProblems() {
        assertThat(check(get("/api/v1/nothing-here"), answer(404, "application/problem+json", PROBLEM))).isNull();
        assertThat(check(new SimpleRequest.Builder("DELETE", PROTOCOLS).build(),
                answer(405, "application/problem+json", PROBLEM))).isNull();
        assertThat(check(get("/api/v1/nothing-here"), answer(200, "application/json", "{}")))
                .contains("the contract has no such operation");
        assertThat(check(get("/api/v1/nothing-here"), answer(404, "text/html", "<html/>")))
                .contains("the contract has no such operation");
    }

    @Test
    void onlyListedPathsOutsideTheApiAreLeftUnchecked() {
        assertThat(check(get("/q/health/live"), answer(200, "application/json", "{}"))).isNull();
        assertThat(check(get("/dev/token"), answer(200, "text/plain", "eyJ"))).isNull();
        assertThat(check(get("/admin/secrets"), answer(200, "text/plain", "")))
                .contains("neither in the contract nor in ContractValidationFilter.NON_API_PATHS");
    }
}
