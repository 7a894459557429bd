package org.protocolregistry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.create;
import static org.protocolregistry.testing.ProtocolApi.draft;

import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint × every caller, with the exact status. The protocol under test is a
 * draft of one sponsor organisation that has never been submitted, so reviewers cannot see it.
 */
@QuarkusTest
class AccessMatrixTest {

    enum Caller {
        OWNING_SPONSOR, OTHER_SPONSOR, REVIEWER, VIEWER, ADMIN, NO_TOKEN, SPONSOR_WITHOUT_ORG,
        EXPIRED_TOKEN, OTHER_ISSUER, FORGED_SIGNATURE, NO_ROLE
    }

    enum Endpoint {
        CREATE, READ, REPLACE, LIST_VERSIONS, READ_VERSION, REVALIDATE_VERSION, VALIDATE, LIST_RULES, READ_RULE
    }

    private String owner;
    private String protocolId;
    private String etag;

    @BeforeEach
    void ownedDraft() {
        owner = Tokens.uniqueOrg();
        var created = create(Tokens.sponsor(owner), draft("access matrix"));
        protocolId = created.path("id");
        etag = created.header("ETag");
    }

    static Stream<Arguments> matrix() {
        //                                   CREATE READ REPLACE LIST VERSION REVALIDATE VALIDATE RULES RULE
        return Stream.of(
                row(Caller.OWNING_SPONSOR,      201, 200, 200, 200, 200, 403, 200, 200, 200),
                row(Caller.OTHER_SPONSOR,       201, 404, 404, 404, 404, 403, 200, 200, 200),
                row(Caller.REVIEWER,            403, 404, 403, 404, 404, 404, 200, 200, 200),
                row(Caller.VIEWER,              403, 404, 403, 404, 404, 403, 200, 200, 200),
                row(Caller.ADMIN,               403, 200, 403, 200, 200, 200, 200, 200, 200),
                row(Caller.NO_TOKEN,            401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(Caller.SPONSOR_WITHOUT_ORG, 403, 404, 404, 404, 404, 403, 200, 200, 200),
                row(Caller.EXPIRED_TOKEN,       401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(Caller.OTHER_ISSUER,        401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(Caller.FORGED_SIGNATURE,    401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(Caller.NO_ROLE,             403, 403, 403, 403, 403, 403, 403, 403, 403))
                .flatMap(Function.identity());
    }

    private static Stream<Arguments> row(Caller caller, int... statuses) {
        var endpoints = Endpoint.values();
        if (statuses.length != endpoints.length) {
            throw new IllegalArgumentException(caller + " needs a status for each of " + endpoints.length + " endpoints");
        }
        return IntStream.range(0, endpoints.length).mapToObj(i -> Arguments.of(caller, endpoints[i], statuses[i]));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("matrix")
    void callerGetsExactlyTheExpectedStatus(Caller caller, Endpoint endpoint, int expected) {
        var request = as(token(caller));

        var response = send(request, endpoint).then().extract();

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void anotherSponsorsFailedAttemptsLeaveTheProtocolUnchanged() {
        var intruder = Tokens.sponsor(Tokens.uniqueOrg());
        send(as(intruder), Endpoint.REPLACE);

        var read = as(Tokens.sponsor(owner)).get(PROTOCOLS + "/" + protocolId).then().extract();

        assertThat(read.<Integer>path("version")).isEqualTo(1);
        assertThat(read.header("ETag")).isEqualTo(etag);
        assertThat(read.<String>path("sponsorOrg")).isEqualTo(owner);
    }

    private Response send(RequestSpecification request, Endpoint endpoint) {
        var path = PROTOCOLS + "/" + protocolId;
        return switch (endpoint) {
            case CREATE -> request.contentType("application/json").body(draft("new")).post(PROTOCOLS);
            case READ -> request.get(path);
            case REPLACE -> request.contentType("application/json").header("If-Match", etag)
                    .body(draft("changed")).put(path);
            case LIST_VERSIONS -> request.get(path + "/versions");
            case READ_VERSION -> request.get(path + "/versions/1");
            case REVALIDATE_VERSION -> request.post(path + "/versions/1/revalidate");
            case VALIDATE -> request.contentType("application/json").body(draft("dry run")).post("/api/v1/validate");
            case LIST_RULES -> request.get("/api/v1/rules");
            case READ_RULE -> request.get("/api/v1/rules/GATE-001");
        };
    }

    private String token(Caller caller) {
        return switch (caller) {
            case OWNING_SPONSOR -> Tokens.sponsor(owner);
            case OTHER_SPONSOR -> Tokens.sponsor(Tokens.uniqueOrg());
            case REVIEWER -> Tokens.reviewer();
            case VIEWER -> Tokens.viewer();
            case ADMIN -> Tokens.admin();
            case NO_TOKEN -> null;
            case SPONSOR_WITHOUT_ORG -> Tokens.claims("sponsor").sign();
            case EXPIRED_TOKEN -> Tokens.expiredSponsor(owner);
            case OTHER_ISSUER -> Tokens.sponsorFromOtherIssuer(owner);
            case FORGED_SIGNATURE -> Tokens.sponsorSignedWithAnotherKey(owner);
            case NO_ROLE -> Tokens.claims().claim("org", owner).sign();
        };
    }
}
