package org.protocolregistry.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.get;

import java.util.List;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Concurrently;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;

/** Lifecycle steps taken at the same moment: exactly one is recorded, the others are told so. */
@QuarkusTest
class ConcurrentReviewTest {

    @RepeatedTest(5)
    void exactlyOneOfTwoSimultaneousDecisionsIsRecorded() throws Exception {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = Lifecycle.submittedProtocol(sponsor);
        var decisions = List.of("APPROVE", "REJECT");

        var statuses = Concurrently.run(decisions.size(), i -> Lifecycle.review(Tokens.reviewer(), id,
                "{\"decision\":\"" + decisions.get(i) + "\"}").statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        var reviews = get(sponsor, PROTOCOLS + "/" + id + "/reviews");
        assertThat(reviews.<List<String>>path("items.decision")).hasSize(1);
        var status = get(sponsor, PROTOCOLS + "/" + id).<String>path("status");
        assertThat(status).isEqualTo(reviews.<String>path("items[0].decision").equals("APPROVE") ? "APPROVED" : "REJECTED");
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/history").<List<String>>path("items.action"))
                .containsExactly("CREATE", "SUBMIT", "REVIEW");
    }

    @Test
    void sixteenSimultaneousSubmissionsSubmitOnce() throws Exception {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = ProtocolApi.createdId(sponsor, Examples.bytes(Examples.FIBROMYALGIA));

        var answers = Concurrently.run(16, i -> Lifecycle.submit(sponsor, id));

        assertThat(answers).extracting(ExtractableResponse::statusCode)
                .containsOnly(200, 409).filteredOn(status -> status == 200).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 409)
                .allSatisfy(loser -> assertThat(loser.contentType()).isEqualTo("application/problem+json"));
        assertThat(get(sponsor, PROTOCOLS + "/" + id).<String>path("status")).isEqualTo("SUBMITTED");
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/history").<List<String>>path("items.action"))
                .containsExactly("CREATE", "SUBMIT");
    }
}
