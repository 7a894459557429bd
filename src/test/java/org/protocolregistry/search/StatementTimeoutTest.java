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
import org.junit.jupiter.api.Test;
import org.protocolregistry.api.ProblemType;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A statement under the search time limit is cancelled by the database and answers a 503
 * problem with Retry-After, instead of holding its connection until it finishes.
 */
@QuarkusTest
class StatementTimeoutTest {

    /** Test-only: a statement that would run for hours, under a one-second limit. */
    @Path("/test-only/slow-statement")
    public static class SlowStatementResource {

        @Inject
        EntityManager entityManager;

        @ConfigProperty(name = "quarkus.datasource.db-kind")
        String dbKind;

        @GET
        @PermitAll
        @Transactional
        @Operation(hidden = true)
        public String runForHours() {
            // Hours of counting on either database (the PostgreSQL suite runs this too).
            var query = entityManager.createNativeQuery("postgresql".equals(dbKind)
                    ? "SELECT COUNT(*) FROM generate_series(1, 1000000000000)"
                    : "SELECT SUM(X) FROM SYSTEM_RANGE(1, 1000000000000)");
            return String.valueOf(StatementTimeout.apply(query, Duration.ofSeconds(1)).getSingleResult());
        }
    }

    @Test
    void aStatementOverItsLimitIsCancelledAndAnswers503() {
        var started = System.nanoTime();
        var response = given().get("/test-only/slow-statement").then().extract();
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<String>path("type")).isEqualTo(ProblemType.QUERY_TIMEOUT.uri());
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.asString()).doesNotContain("SYSTEM_RANGE", "Exception", "org.h2");
        // One second of limit; generous slack for a loaded machine, far below the hours it would run.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(30));
    }
}
