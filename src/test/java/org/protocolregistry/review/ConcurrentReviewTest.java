package org.protocolregistry.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.get;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.Tokens;

import io.quarkus.test.junit.QuarkusTest;

/** Two reviewers deciding at once: exactly one decision is recorded, the other is told so. */
@QuarkusTest
class ConcurrentReviewTest {

    @RepeatedTest(5)
    void exactlyOneOfTwoSimultaneousDecisionsIsRecorded() throws Exception {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = Lifecycle.submittedProtocol(sponsor);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        var statuses = new ArrayList<Integer>();
        try {
            var answers = new ArrayList<Future<Integer>>();
            for (var decision : List.of("APPROVE", "REJECT")) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return Lifecycle.review(Tokens.reviewer(), id, "{\"decision\":\"" + decision + "\"}").statusCode();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        var reviews = get(sponsor, PROTOCOLS + "/" + id + "/reviews");
        assertThat(reviews.<List<String>>path("items.decision")).hasSize(1);
        var status = get(sponsor, PROTOCOLS + "/" + id).<String>path("status");
        assertThat(status).isEqualTo(reviews.<String>path("items[0].decision").equals("APPROVE") ? "APPROVED" : "REJECTED");
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/history").<List<String>>path("items.action"))
                .containsExactly("CREATE", "SUBMIT", "REVIEW");
    }
}
