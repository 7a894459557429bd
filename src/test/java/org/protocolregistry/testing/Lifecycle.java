package org.protocolregistry.testing;

import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Lifecycle steps over HTTP, for tests. */
public final class Lifecycle {

    private Lifecycle() {
    }

    public static ExtractableResponse<Response> submit(String token, String id) {
        return as(token).post(PROTOCOLS + "/" + id + "/submit").then().extract();
    }

    public static ExtractableResponse<Response> withdraw(String token, String id) {
        return as(token).post(PROTOCOLS + "/" + id + "/withdraw").then().extract();
    }

    public static ExtractableResponse<Response> amend(String token, String id) {
        return as(token).contentType("application/json").post(PROTOCOLS + "/" + id + "/amendments").then().extract();
    }

    public static ExtractableResponse<Response> review(String token, String id, String body) {
        return as(token).contentType("application/json").body(body).post(PROTOCOLS + "/" + id + "/reviews")
                .then().extract();
    }

    /** A protocol of the complete example (no ERROR finding), submitted; returns its id. */
    public static String submittedProtocol(String sponsorToken) {
        var id = ProtocolApi.createdId(sponsorToken, Examples.bytes(Examples.FIBROMYALGIA));
        var submitted = submit(sponsorToken, id);
        if (submitted.statusCode() != 200) {
            throw new AssertionError("submit answered " + submitted.statusCode() + ": " + submitted.asString());
        }
        return id;
    }
}
