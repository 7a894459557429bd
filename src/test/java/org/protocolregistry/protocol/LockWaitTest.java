package org.protocolregistry.protocol;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.create;
import static org.protocolregistry.testing.ProtocolApi.draft;
import static org.protocolregistry.testing.ProtocolApi.get;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every change appends to the audit chain under the lock of its single head row, so a burst of
 * writes queues there. A change waits for that lock up to the registry's lock timeout (10 s on
 * either database), well beyond H2's own default of 2 s, and one that gives up gets a 503 problem
 * to retry, never a 500.
 */
@QuarkusTest
class LockWaitTest {

    /** Test-only: holds the audit chain's head the way a long change would. */
    @Path("/test-only/audit-head")
    public static class AuditHeadResource {

        /** Counted down once the head is locked, so the test knows the lock is held. */
        static volatile CountDownLatch locked = new CountDownLatch(1);

        @Inject
        EntityManager entityManager;

        @ConfigProperty(name = "quarkus.datasource.db-kind")
        String databaseKind;

        @POST
        @Path("/hold")
        @PermitAll
        @Transactional
        @Operation(hidden = true)
        public String hold(@QueryParam("millis") long millis) throws InterruptedException {
            lockHead();
            locked.countDown();
            Thread.sleep(millis);
            return "released";
        }

        /** Tries to lock the head with a lock timeout of a fifth of a second. */
        @POST
        @Path("/impatient-lock")
        @PermitAll
        @Transactional
        @Operation(hidden = true)
        public String impatientLock() {
            if ("h2".equals(databaseKind)) {
                // H2's lock timeout belongs to the session (the pooled connection): put it back.
                var previous = ((Number) entityManager.createNativeQuery("SELECT LOCK_TIMEOUT()").getSingleResult())
                        .intValue();
                entityManager.createNativeQuery("SET LOCK_TIMEOUT = 200").executeUpdate();
                try {
                    lockHead();
                } finally {
                    entityManager.createNativeQuery("SET LOCK_TIMEOUT = " + previous).executeUpdate();
                }
            } else {
                entityManager.createNativeQuery("SET LOCAL lock_timeout = '200ms'").executeUpdate();
                lockHead();
            }
            return "locked";
        }

        private void lockHead() {
            entityManager.createNativeQuery("SELECT sequence_number FROM audit_head WHERE id = 1 FOR UPDATE")
                    .getResultList();
        }
    }

    /** Holds the head for the given time in the background; returns once it is held. */
    private static CompletableFuture<String> holdAuditHead(Duration duration) throws InterruptedException {
        AuditHeadResource.locked = new CountDownLatch(1);
        var holder = CompletableFuture.supplyAsync(() -> given().queryParam("millis", duration.toMillis())
                .post("/test-only/audit-head/hold").then().statusCode(200).extract().asString());
        assertThat(AuditHeadResource.locked.await(30, TimeUnit.SECONDS)).as("the head is locked").isTrue();
        return holder;
    }

    @Test
    void aCreateWaitsForTheAuditHeadLongerThanH2sDefaultLockTimeout() throws Exception {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var holder = holdAuditHead(Duration.ofSeconds(3));

        var started = System.nanoTime();
        var created = create(sponsor, draft("Waits its turn"));
        var waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(waited).as("the create waited for the head").isGreaterThan(Duration.ofMillis(2_200));
        assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("released");
        assertThat(get(sponsor, "/api/v1/protocols/" + created.path("id")).statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeThatGivesUpWaitingAnswers503ToRetryNot500() throws Exception {
        var holder = holdAuditHead(Duration.ofSeconds(2));

        var response = given().post("/test-only/audit-head/impatient-lock").then().extract();

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.<String>path("type")).isEqualTo(ProblemType.BUSY.uri());
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.asString()).doesNotContain("Exception", "org.h2", "audit_head", "lock_timeout");
        assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("released");
    }
}
