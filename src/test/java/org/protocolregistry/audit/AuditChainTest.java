package org.protocolregistry.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.get;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.Tokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The chain detects a row changed behind the application's back, and names it. */
@QuarkusTest
class AuditChainTest {

    @Inject
    EntityManager entityManager;

    @Test
    void changingOneAuditRowInTheDatabaseMakesVerifyNameThatRow() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = Lifecycle.submittedProtocol(sponsor);
        var history = get(sponsor, PROTOCOLS + "/" + id + "/history");
        long submitEvent = history.<List<Number>>path("items.sequenceNumber").get(1).longValue();
        assertThat(verify().<Boolean>path("intact")).isTrue();

        var original = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("SELECT actor_subject FROM audit_event WHERE sequence_number = ?1")
                .setParameter(1, submitEvent).getSingleResult());
        tamper(submitEvent, "mallory");
        try {
            var broken = verify();

            assertThat(broken.<Boolean>path("intact")).isFalse();
            assertThat(broken.<Number>path("firstBrokenLink.sequenceNumber").longValue()).isEqualTo(submitEvent);
            assertThat(broken.<String>path("firstBrokenLink.protocolId")).isEqualTo(id);
            assertThat(broken.<String>path("firstBrokenLink.reason")).contains("changed");
        } finally {
            tamper(submitEvent, original); // the chain is shared by every test of this run
        }
        assertThat(verify().<Boolean>path("intact")).isTrue();
    }

    @Test
    void eachEventLinksToThePreviousOne() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = Lifecycle.submittedProtocol(sponsor);

        var history = get(sponsor, PROTOCOLS + "/" + id + "/history");

        var hashes = history.<List<String>>path("items.hash");
        var previous = history.<List<String>>path("items.previousHash");
        assertThat(hashes).hasSize(2).allMatch(hash -> hash.matches("[0-9a-f]{64}"));
        assertThat(history.<String>path("items[1].actorSubject")).isEqualTo("test-sponsor");
        assertThat(history.<Integer>path("items[1].sequenceNumber") - history.<Integer>path("items[0].sequenceNumber"))
                .as("events of one protocol may interleave with others, but never go backwards").isPositive();
        assertThat(previous.get(0)).isNotEqualTo(hashes.get(0));
    }

    @Test
    void eventsCarryTheRequestIdOfTheRequestThatCausedThem() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var created = as(sponsor).header("X-Request-Id", "audit-trace-0001").contentType("application/json")
                .body("{\"registration\":{\"briefTitle\":\"traced\"}}").post(PROTOCOLS).then().extract();
        String id = created.path("id");

        var history = get(sponsor, PROTOCOLS + "/" + id + "/history");

        assertThat(created.header("X-Request-Id")).isEqualTo("audit-trace-0001");
        assertThat(history.<List<String>>path("items.requestId")).containsExactly("audit-trace-0001");
    }

    private void tamper(long sequenceNumber, String actor) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE audit_event SET actor_subject = ?1 WHERE sequence_number = ?2")
                .setParameter(1, actor).setParameter(2, sequenceNumber).executeUpdate());
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> verify() {
        return as(Tokens.admin()).get("/api/v1/audit/verify").then().statusCode(200).extract();
    }
}
