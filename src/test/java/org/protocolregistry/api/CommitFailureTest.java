package org.protocolregistry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.protocolregistry.testing.FailingCommit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A commit that the database itself fails is not a time-out: whether its changes were stored is
 * unknown (H2 2.4.240 threw at commit after its transaction had taken effect, found in a load run
 * where ten creates answered 503 "nothing was changed" were stored all the same). The answer is
 * an internal fault that says so, never the 503 that invites sending the write again.
 */
@QuarkusTest
class CommitFailureTest {

    /** Test-only: a transaction whose commit the database fails, its connection gone at commit. */
    @Path("/test-only/commit-failure")
    public static class FailingCommitResource {

        @Inject
        EntityManager entityManager;

        @Inject
        TransactionSynchronizationRegistry synchronizations;

        @POST
        @PermitAll
        @Transactional
        @Operation(hidden = true)
        public String commitFails() {
            FailingCommit.ofCurrentTransaction(entityManager, synchronizations);
            return "committed";
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** The closed connection must not be handed to later tests. */
    @AfterEach
    void dropIdleConnections() {
        dataSource.flush(AgroalDataSource.FlushMode.IDLE);
    }

    @Test
    void aCommitTheDatabaseFailsIsAnInternalFaultWithAnUnknownOutcomeNotA503() {
        var response = given().post("/test-only/commit-failure").then().extract();

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(500);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<String>path("type")).isEqualTo(ProblemType.INTERNAL.uri());
        assertThat(response.<String>path("detail"))
                .contains("whether it took effect is unknown", "Idempotency-Key", "incident")
                .doesNotContain("nothing was changed");
        assertThat(response.header("Retry-After")).isNull();
        assertThat(response.asString()).doesNotContain("Exception", "arjuna", "Arjuna", "ARJUNA", "SQL");
    }

    @Test
    void onlyARollbackBeforeTheCommitIsKnownToHaveStoredNothing() {
        var timedOut = new jakarta.transaction.RollbackException(
                "ARJUNA016102: The transaction is not active! Uid is 0:ffff7f000001:a19d:6b09070d:8b");
        var failedAtCommit = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        var unexplained = new jakarta.transaction.RollbackException();

        assertThat(ProblemMappers.RollbackBeforeCommit.is(timedOut)).isTrue();
        assertThat(ProblemMappers.RollbackBeforeCommit.is(failedAtCommit)).isFalse();
        assertThat(ProblemMappers.RollbackBeforeCommit.is(unexplained)).as("unknown, so not claimed").isFalse();
    }
}
