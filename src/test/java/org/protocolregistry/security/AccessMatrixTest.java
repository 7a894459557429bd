package org.protocolregistry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.create;
import static org.protocolregistry.testing.ProtocolApi.draft;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint × every caller, with the exact status, for a protocol of one sponsor
 * organisation in two states: a draft never submitted (reviewers cannot see it) and a
 * submitted protocol (reviewers can).
 */
@QuarkusTest
class AccessMatrixTest {

    enum Caller {
        OWNING_SPONSOR, OTHER_SPONSOR, REVIEWER, VIEWER, ADMIN, NO_TOKEN, SPONSOR_WITHOUT_ORG,
        EXPIRED_TOKEN, OTHER_ISSUER, FORGED_SIGNATURE, NO_ROLE
    }

    enum Endpoint {
        CREATE, READ, REPLACE, LIST_VERSIONS, READ_VERSION, REVALIDATE_VERSION, DIFF_VERSIONS, HISTORY,
        SUBMIT, WITHDRAW, AMEND, RECORD_REVIEW, LIST_REVIEWS, VALIDATE, LIST_RULES, READ_RULE, VERIFY_AUDIT,
        SEARCH, FHIR
    }

    enum State { NEVER_SUBMITTED_DRAFT, SUBMITTED }

    private record Target(String owner, String id, String etag) {
    }

    static Stream<Arguments> matrix() {
        var draft = State.NEVER_SUBMITTED_DRAFT;
        var submitted = State.SUBMITTED;
        //                                         CRE READ PUT VERS VER  REVAL DIFF HIST SUBM WITH AMND RVW  RVWS VALI RULS RULE AUDIT SRCH FHIR
        return Stream.of(
                row(draft, Caller.OWNING_SPONSOR,      201, 200, 200, 200, 200, 403, 200, 200, 422, 200, 409, 403, 200, 200, 200, 200, 403, 200, 200),
                row(draft, Caller.OTHER_SPONSOR,       201, 404, 404, 404, 404, 403, 404, 404, 404, 404, 404, 403, 404, 200, 200, 200, 403, 200, 404),
                row(draft, Caller.REVIEWER,            403, 404, 403, 404, 404, 404, 404, 404, 403, 403, 403, 404, 404, 200, 200, 200, 403, 200, 404),
                row(draft, Caller.VIEWER,              403, 404, 403, 404, 404, 403, 404, 403, 403, 403, 403, 403, 403, 200, 200, 200, 403, 200, 404),
                row(draft, Caller.ADMIN,               403, 200, 403, 200, 200, 200, 200, 200, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200, 200),
                row(draft, Caller.NO_TOKEN,            401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(draft, Caller.SPONSOR_WITHOUT_ORG, 403, 404, 404, 404, 404, 403, 404, 404, 404, 404, 404, 403, 404, 200, 200, 200, 403, 200, 404),
                row(draft, Caller.EXPIRED_TOKEN,       401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(draft, Caller.OTHER_ISSUER,        401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(draft, Caller.FORGED_SIGNATURE,    401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(draft, Caller.NO_ROLE,             403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
                row(submitted, Caller.OWNING_SPONSOR,  201, 200, 409, 200, 200, 403, 200, 200, 409, 200, 409, 403, 200, 200, 200, 200, 403, 200, 200),
                row(submitted, Caller.OTHER_SPONSOR,   201, 404, 404, 404, 404, 403, 404, 404, 404, 404, 404, 403, 404, 200, 200, 200, 403, 200, 404),
                row(submitted, Caller.REVIEWER,        403, 200, 403, 200, 200, 200, 200, 200, 403, 403, 403, 201, 200, 200, 200, 200, 403, 200, 200),
                row(submitted, Caller.VIEWER,          403, 404, 403, 404, 404, 403, 404, 403, 403, 403, 403, 403, 403, 200, 200, 200, 403, 200, 404),
                row(submitted, Caller.ADMIN,           403, 200, 403, 200, 200, 200, 200, 200, 403, 403, 403, 403, 200, 200, 200, 200, 200, 200, 200),
                row(submitted, Caller.NO_TOKEN,        401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
                row(submitted, Caller.NO_ROLE,         403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403))
                .flatMap(rows -> rows);
    }

    private static Stream<Arguments> row(State state, Caller caller, int... statuses) {
        var endpoints = Endpoint.values();
        if (statuses.length != endpoints.length) {
            throw new IllegalArgumentException(caller + " needs a status for each of " + endpoints.length + " endpoints");
        }
        return IntStream.range(0, endpoints.length)
                .mapToObj(i -> Arguments.of(state, caller, endpoints[i], statuses[i]));
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @MethodSource("matrix")
    void callerGetsExactlyTheExpectedStatus(State state, Caller caller, Endpoint endpoint, int expected) {
        var target = protocolIn(state);

        var response = send(as(token(caller, target)), endpoint, target).then().extract();

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void anotherSponsorsFailedAttemptsLeaveTheProtocolUnchanged() {
        var target = protocolIn(State.NEVER_SUBMITTED_DRAFT);
        var intruder = Tokens.sponsor(Tokens.uniqueOrg());
        for (var endpoint : new Endpoint[] {Endpoint.REPLACE, Endpoint.SUBMIT, Endpoint.WITHDRAW, Endpoint.AMEND}) {
            send(as(intruder), endpoint, target);
        }

        var read = as(Tokens.sponsor(target.owner())).get(PROTOCOLS + "/" + target.id()).then().extract();

        assertThat(read.<Integer>path("version")).isEqualTo(1);
        assertThat(read.<String>path("status")).isEqualTo("DRAFT");
        assertThat(read.header("ETag")).isEqualTo(target.etag());
        assertThat(read.<String>path("sponsorOrg")).isEqualTo(target.owner());
    }

    private static Target protocolIn(State state) {
        var owner = Tokens.uniqueOrg();
        var sponsor = Tokens.sponsor(owner);
        var created = state == State.SUBMITTED
                ? create(sponsor, Examples.text(Examples.FIBROMYALGIA))
                : create(sponsor, draft("access matrix"));
        String id = created.path("id");
        if (state == State.SUBMITTED) {
            var submitted = Lifecycle.submit(sponsor, id);
            return new Target(owner, id, submitted.header("ETag"));
        }
        return new Target(owner, id, created.header("ETag"));
    }

    private static Response send(RequestSpecification request, Endpoint endpoint, Target target) {
        var path = PROTOCOLS + "/" + target.id();
        return switch (endpoint) {
            case CREATE -> request.contentType("application/json").body(draft("new")).post(PROTOCOLS);
            case READ -> request.get(path);
            case REPLACE -> request.contentType("application/json").header("If-Match", target.etag())
                    .body(draft("changed")).put(path);
            case LIST_VERSIONS -> request.get(path + "/versions");
            case READ_VERSION -> request.get(path + "/versions/1");
            case REVALIDATE_VERSION -> request.post(path + "/versions/1/revalidate");
            case DIFF_VERSIONS -> request.get(path + "/versions/1/diff/1");
            case HISTORY -> request.get(path + "/history");
            case SUBMIT -> request.post(path + "/submit");
            case WITHDRAW -> request.post(path + "/withdraw");
            case AMEND -> request.contentType("application/json").post(path + "/amendments");
            case RECORD_REVIEW -> request.contentType("application/json").body("{\"decision\":\"APPROVE\"}")
                    .post(path + "/reviews");
            case LIST_REVIEWS -> request.get(path + "/reviews");
            case VALIDATE -> request.contentType("application/json").body(draft("dry run")).post("/api/v1/validate");
            case LIST_RULES -> request.get("/api/v1/rules");
            case READ_RULE -> request.get("/api/v1/rules/GATE-001");
            case VERIFY_AUDIT -> request.get("/api/v1/audit/verify");
            case SEARCH -> request.get(PROTOCOLS + "?pageSize=1");
            case FHIR -> request.get(path + "/fhir");
        };
    }

    private static String token(Caller caller, Target target) {
        return switch (caller) {
            case OWNING_SPONSOR -> Tokens.sponsor(target.owner());
            case OTHER_SPONSOR -> Tokens.sponsor(Tokens.uniqueOrg());
            case REVIEWER -> Tokens.reviewer();
            case VIEWER -> Tokens.viewer();
            case ADMIN -> Tokens.admin();
            case NO_TOKEN -> null;
            case SPONSOR_WITHOUT_ORG -> Tokens.claims("sponsor").sign();
            case EXPIRED_TOKEN -> Tokens.expiredSponsor(target.owner());
            case OTHER_ISSUER -> Tokens.sponsorFromOtherIssuer(target.owner());
            case FORGED_SIGNATURE -> Tokens.sponsorSignedWithAnotherKey(target.owner());
            case NO_ROLE -> Tokens.claims().claim("org", target.owner()).sign();
        };
    }
}
