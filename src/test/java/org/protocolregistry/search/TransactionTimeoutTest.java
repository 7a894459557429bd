package org.protocolregistry.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;
import org.protocolregistry.api.ProblemType;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A request whose transaction outlives the transaction timeout is rolled back; the caller gets
 * the same 503 problem as a cancelled statement, never a 500. On H2, which has no per-statement
 * timeout (see StatementTimeout), this is what ends an overlong search or statistics request.
 */
@QuarkusTest
class TransactionTimeoutTest {

    /** Test-only: a request that works for longer than its one-second transaction timeout. */
    @Path("/test-only/overlong-transaction")
    public static class OverlongTransactionResource {

        @Inject
        EntityManager entityManager;

        @GET
        @PermitAll
        @Transactional
        @TransactionConfiguration(timeout = 1)
        @Operation(hidden = true)
        public String workTooLong() throws InterruptedException {
            entityManager.createNativeQuery("SELECT 1").getSingleResult();
            Thread.sleep(2_500); // a statement that took this long, as far as the transaction can tell
            return String.valueOf(entityManager.createNativeQuery("SELECT 2").getSingleResult());
        }
    }

    @Test
    void aTransactionPastItsTimeoutAnswers503ToRetryNot500() {
        var response = given().get("/test-only/overlong-transaction").then().extract();

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<String>path("type")).isEqualTo(ProblemType.QUERY_TIMEOUT.uri());
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.asString()).doesNotContain("Exception", "arjuna", "Arjuna", "ARJUNA");
    }
}
