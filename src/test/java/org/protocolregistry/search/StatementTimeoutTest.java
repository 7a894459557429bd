package org.protocolregistry.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hibernate.jpa.SpecHints;
import org.junit.jupiter.api.Test;
import org.protocolregistry.api.ProblemType;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A statement under a time limit is cancelled by the database and answers a 503 problem with
 * Retry-After, instead of holding its connection until it finishes.
 */
@QuarkusTest
class StatementTimeoutTest {

    /** Test-only: a statement that would run for hours, under a one-second limit. */
    @Path("/test-only/slow-statement")
    public static class SlowStatementResource {

        @Inject
        EntityManager entityManager;

        @ConfigProperty(name = "quarkus.datasource.db-kind")
        String databaseKind;

        @GET
        @PermitAll
        @Transactional
        @Operation(hidden = true)
        public String runForHours() {
            var sql = "h2".equals(databaseKind) ? "SELECT SUM(X) FROM SYSTEM_RANGE(1, 1000000000000)"
                    : "SELECT pg_sleep(3600)";
            var query = StatementTimeout.limit(entityManager.createNativeQuery(sql), Duration.ofSeconds(1));
            return String.valueOf(query.getSingleResult());
        }
    }

    @Inject
    StatementTimeout statementTimeout;

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String databaseKind;

    @Test
    void aStatementOverItsLimitIsCancelledAndAnswers503() {
        var started = System.nanoTime();
        var response = given().get("/test-only/slow-statement").then().extract();
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<String>path("type")).isEqualTo(ProblemType.QUERY_TIMEOUT.uri());
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.asString()).doesNotContain("SYSTEM_RANGE", "pg_sleep", "Exception", "org.h2");
        // One second of limit; generous slack for a loaded machine, far below the hours it would run.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @Transactional
    void searchStatementsCarryTheConfiguredLimitExceptOnH2() {
        var hints = statementTimeout.apply(entityManager.createNativeQuery("SELECT 1")).getHints();

        if ("h2".equals(databaseKind)) {
            assertThat(hints).doesNotContainKey(SpecHints.HINT_SPEC_QUERY_TIMEOUT);
        } else {
            assertThat(((Number) hints.get(SpecHints.HINT_SPEC_QUERY_TIMEOUT)).intValue()).isEqualTo(10_000);
        }
    }
}
