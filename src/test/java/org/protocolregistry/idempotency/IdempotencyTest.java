package org.protocolregistry.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.protocolregistry.testing.ProtocolApi.PROTOCOLS;
import static org.protocolregistry.testing.ProtocolApi.as;
import static org.protocolregistry.testing.ProtocolApi.draft;
import static org.protocolregistry.testing.ProtocolApi.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.security.Caller;
import org.protocolregistry.testing.Examples;
import org.protocolregistry.testing.Lifecycle;
import org.protocolregistry.testing.ProtocolApi;
import org.protocolregistry.testing.Tokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Idempotency-Key on the three writes that clients retry: create, submit and review. A replay gets
 * the first response and writes nothing; the key is scoped to its caller and expires.
 */
@QuarkusTest
class IdempotencyTest {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    /** Headers a replay must repeat exactly. */
    private static final List<String> REPLAYED_HEADERS = List.of("Location", "ETag", "Content-Type");

    @Inject
    EntityManager entityManager;

    @Inject
    IdempotencyStore store;

    @Test
    void replayedCreateAnswersTheFirstResponseAndCreatesNothing() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var key = newKey();
        var body = Examples.text(Examples.FIBROMYALGIA);
        var first = create(sponsor, key, body);
        var withoutKey = ProtocolApi.create(Tokens.sponsor(Tokens.uniqueOrg()), body);
        var eventsBefore = auditEvents();

        var replay = create(sponsor, key, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header(REPLAYED)).isNull();
        assertThat(first.contentType()).as("as without a key").isEqualTo(withoutKey.contentType());
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header(REPLAYED)).isEqualTo("true");
        assertThat(replay.asByteArray()).isEqualTo(first.asByteArray());
        for (var header : REPLAYED_HEADERS) {
            assertThat(replay.header(header)).as(header).isNotNull().isEqualTo(first.header(header));
        }
        assertThat(protocolCount(sponsor)).isEqualTo(1);
        assertThat(auditEvents()).as("registry-wide audit events").isEqualTo(eventsBefore);
        assertThat(history(sponsor, first.path("id"))).containsExactly("CREATE");
    }

    @Test
    void withoutAKeyEveryCreateStoresAProtocolAsBefore() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());

        var first = ProtocolApi.create(sponsor, draft("no key"));
        var second = ProtocolApi.create(sponsor, draft("no key"));

        assertThat(List.of(first.statusCode(), second.statusCode())).containsExactly(201, 201);
        assertThat(first.<String>path("id")).isNotEqualTo(second.path("id"));
        assertThat(first.header(REPLAYED)).isNull();
        assertThat(second.header(REPLAYED)).isNull();
        assertThat(protocolCount(sponsor)).isEqualTo(2);
    }

    @Test
    void replayedSubmitAnswersTheFirstResponseInsteadOfAConflict() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = ProtocolApi.createdId(sponsor, Examples.bytes(Examples.FIBROMYALGIA));
        var key = newKey();

        var first = submit(sponsor, id, key);
        var replay = submit(sponsor, id, key);
        var withoutKey = Lifecycle.submit(sponsor, id);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.<String>path("status")).isEqualTo("SUBMITTED");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.header(REPLAYED)).isEqualTo("true");
        assertThat(replay.asByteArray()).isEqualTo(first.asByteArray());
        assertThat(replay.header("ETag")).isNotNull().isEqualTo(first.header("ETag"));
        assertThat(withoutKey.statusCode()).as("a second submission without the key").isEqualTo(409);
        assertThat(history(sponsor, id)).containsExactly("CREATE", "SUBMIT");
    }

    @Test
    void replayedReviewAnswersTheFirstResponseAndRecordsOneDecision() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = Lifecycle.submittedProtocol(sponsor);
        var key = newKey();
        var decision = "{\"decision\":\"REQUEST_CHANGES\",\"summary\":\"Dose per kg\","
                + "\"comments\":[{\"pointer\":\"/eligibility/minWeightKg\",\"text\":\"Raise the minimum weight.\"}]}";
        var eventsBefore = auditEvents();

        var first = review(id, key, decision);
        var replay = review(id, key, decision);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header(REPLAYED)).isEqualTo("true");
        assertThat(replay.asByteArray()).isEqualTo(first.asByteArray());
        assertThat(replay.header("ETag")).isNotNull().isEqualTo(first.header("ETag"));
        assertThat(get(sponsor, PROTOCOLS + "/" + id + "/reviews").<List<Object>>path("items")).hasSize(1);
        assertThat(history(sponsor, id)).containsExactly("CREATE", "SUBMIT", "REVIEW");
        assertThat(auditEvents()).isEqualTo(eventsBefore + 1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422AndChangesNothing() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var key = newKey();
        create(sponsor, key, draft("first"));

        var other = create(sponsor, key, draft("second"));
        var sameJsonOtherBytes = create(sponsor, key, draft("first").replace(":", ": "));

        for (var refused : List.of(other, sameJsonOtherBytes)) {
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.<String>path("type")).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED.uri());
            assertThat(refused.<String>path("detail")).contains("Idempotency-Key");
            assertThat(refused.<String>path("violations[0].parameter")).isEqualTo(KEY);
        }
        assertThat(protocolCount(sponsor)).isEqualTo(1);
    }

    @Test
    void theSameKeyOnAnotherEndpointOrWithAnotherIfMatchIsAnotherRequest() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = ProtocolApi.createdId(sponsor, Examples.bytes(Examples.FIBROMYALGIA));
        var etag = get(sponsor, PROTOCOLS + "/" + id).header("ETag");
        var key = newKey();
        assertThat(create(sponsor, key, draft("created with the key")).statusCode()).isEqualTo(201);

        var submitWithCreateKey = submit(sponsor, id, key);
        var submitKey = newKey();
        var submitted = as(sponsor).header(KEY, submitKey).header("If-Match", etag)
                .post(PROTOCOLS + "/" + id + "/submit").then().extract();
        var otherIfMatch = as(sponsor).header(KEY, submitKey).header("If-Match", "\"9.9\"")
                .post(PROTOCOLS + "/" + id + "/submit").then().extract();

        assertThat(submitWithCreateKey.statusCode()).isEqualTo(422);
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(otherIfMatch.statusCode()).isEqualTo(422);
        assertThat(otherIfMatch.<String>path("type")).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED.uri());
    }

    @Test
    void anotherCallersUseOfTheSameKeyIsIndependent() {
        var key = newKey();
        var body = draft("same key, same body");
        var acme = Tokens.sponsor(Tokens.uniqueOrg());
        // Same subject ("test-sponsor") as acme, another organisation: the case a subject-only scope would get wrong.
        var rival = Tokens.sponsor(Tokens.uniqueOrg());
        var acmeColleagueOrg = Tokens.uniqueOrg();
        var colleague = Tokens.claims("sponsor").subject("another-client").claim("org", acmeColleagueOrg).sign();
        var sameOrgOtherSubject = Tokens.claims("sponsor").subject("a-third-client").claim("org", acmeColleagueOrg)
                .sign();

        var acmeAnswer = create(acme, key, body);
        var rivalAnswer = create(rival, key, body);
        var colleagueAnswer = create(colleague, key, body);
        var thirdAnswer = create(sameOrgOtherSubject, key, body);

        var answers = List.of(acmeAnswer, rivalAnswer, colleagueAnswer, thirdAnswer);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(answer.header(REPLAYED)).isNull();
        });
        assertThat(answers.stream().map(answer -> answer.<String>path("id")).distinct()).hasSize(4);
        assertThat(rivalAnswer.<String>path("sponsorOrg")).isNotEqualTo(acmeAnswer.path("sponsorOrg"));
        assertThat(protocolCount(acme)).isEqualTo(1);
        assertThat(protocolCount(rival)).isEqualTo(1);
        assertThat(protocolCount(colleague)).isEqualTo(2);
        assertThat(get(rival, PROTOCOLS + "/" + acmeAnswer.path("id")).statusCode()).isEqualTo(404);
    }

    @RepeatedTest(3)
    void eightConcurrentRequestsWithOneKeyCreateExactlyOneProtocol() throws Exception {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var key = newKey();
        var body = Examples.text(Examples.FIBROMYALGIA);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(8);
        var answers = new ArrayList<ExtractableResponse<Response>>();
        try {
            var futures = new ArrayList<Future<ExtractableResponse<Response>>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return create(sponsor, key, body);
                }));
            }
            start.countDown();
            for (var future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        // Each answer is the create, its replay, or "in progress"; requests that happen not to
        // overlap are all replays, so a 409 is allowed, not required.
        assertThat(answers).extracting(ExtractableResponse::statusCode).isSubsetOf(201, 409);
        var created = answers.stream().filter(answer -> answer.statusCode() == 201).toList();
        assertThat(created).filteredOn(answer -> answer.header(REPLAYED) == null).hasSize(1);
        String id = created.get(0).path("id");
        assertThat(created).extracting(answer -> answer.<String>path("id")).containsOnly(id);
        answers.stream().filter(answer -> answer.statusCode() == 409).forEach(conflict -> {
            assertThat(conflict.<String>path("type")).isEqualTo(ProblemType.IDEMPOTENCY_KEY_IN_USE.uri());
            assertThat(conflict.header("Retry-After")).isEqualTo("1");
        });
        assertThat(protocolCount(sponsor)).isEqualTo(1);
        var retry = create(sponsor, key, body);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.<String>path("id")).isEqualTo(id);
    }

    @Test
    void aKeyHeldByARequestInFlightAnswers409UntilItsClaimIsAbandoned() {
        var org = Tokens.uniqueOrg();
        var sponsor = Tokens.sponsor(org);
        var key = newKey();
        var body = draft("in flight elsewhere");
        var scope = IdempotentRequests.scopeOf(new Caller("test-sponsor", org, Set.of("sponsor")));
        var fingerprint = IdempotentRequests.fingerprintOf("POST", PROTOCOLS, null,
                body.getBytes(StandardCharsets.UTF_8));
        // Another replica's request holds the key right now.
        var claim = ((IdempotencyStore.Claimed) store.claim(scope, key, fingerprint, now())).claim();

        var whileHeld = create(sponsor, key, body);
        var otherBodyWhileHeld = create(sponsor, key, draft("something else"));
        // That replica died 31 s ago, past the in-flight timeout of 30 s: a retry takes its claim over.
        setClaimedAt(claim.recordId(), now().minus(Duration.ofSeconds(31)));
        var afterTimeout = create(sponsor, key, body);
        var replay = create(sponsor, key, body);

        assertThat(whileHeld.statusCode()).isEqualTo(409);
        assertThat(whileHeld.contentType()).isEqualTo("application/problem+json");
        assertThat(whileHeld.<String>path("type")).isEqualTo(ProblemType.IDEMPOTENCY_KEY_IN_USE.uri());
        assertThat(otherBodyWhileHeld.statusCode()).isEqualTo(422);
        assertThat(afterTimeout.statusCode()).isEqualTo(201);
        assertThat(afterTimeout.header(REPLAYED)).isNull();
        assertThat(replay.header(REPLAYED)).isEqualTo("true");
        assertThat(replay.<String>path("id")).isEqualTo(afterTimeout.path("id"));
        assertThat(protocolCount(sponsor)).isEqualTo(1);
    }

    @Test
    void anExpiredKeyIsNewAgain() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var key = newKey();
        var body = draft("expires");
        var first = create(sponsor, key, body);
        var record = record(first);
        assertThat(Duration.between(record.completedAt, record.expiresAt)).as("default TTL").isEqualTo(Duration.ofHours(24));

        setExpiresAt(record.id, now().minusSeconds(1));
        var afterExpiry = create(sponsor, key, body);

        assertThat(afterExpiry.statusCode()).isEqualTo(201);
        assertThat(afterExpiry.header(REPLAYED)).isNull();
        assertThat(afterExpiry.<String>path("id")).isNotEqualTo(first.path("id"));
        assertThat(protocolCount(sponsor)).isEqualTo(2);
        assertThat(create(sponsor, key, body).<String>path("id")).as("the new record replays")
                .isEqualTo(afterExpiry.path("id"));
    }

    @Test
    void expiredRecordsArePurged() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var first = create(sponsor, newKey(), draft("to be purged"));
        var id = record(first).id;
        setExpiresAt(id, now().minusSeconds(1));

        store.purgeExpired(now(), 1_000);

        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager.find(IdempotencyRecord.class, id)))
                .isNull();
    }

    @Test
    void aRefusedRequestIsNotRememberedSoItsRetryRunsAgain() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var id = ProtocolApi.createdId(sponsor, Examples.bytes(Examples.NEUROPATHIC_DRAFT));
        var key = newKey();

        var blocked = submit(sponsor, id, key);
        var etag = get(sponsor, PROTOCOLS + "/" + id).header("ETag");
        assertThat(ProtocolApi.replace(sponsor, id, etag, Examples.bytes(Examples.FIBROMYALGIA)).statusCode())
                .isEqualTo(200);
        var retried = submit(sponsor, id, key);

        assertThat(blocked.statusCode()).isEqualTo(422);
        assertThat(blocked.<String>path("type")).isEqualTo(ProblemType.SUBMISSION_BLOCKED.uri());
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.header(REPLAYED)).isNull();
        assertThat(retried.<String>path("status")).isEqualTo("SUBMITTED");
    }

    @Test
    void aQuotedKeyAndItsBareFormAreTheSameKey() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());
        var key = newKey();
        var quoted = create(sponsor, "\"" + key + "\"", draft("quoted"));

        var bare = create(sponsor, key, draft("quoted"));

        assertThat(quoted.statusCode()).isEqualTo(201);
        assertThat(bare.header(REPLAYED)).isEqualTo("true");
        assertThat(bare.<String>path("id")).isEqualTo(quoted.path("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"\"", "\"unterminated", "two words", "\"a\"b", "caf\u00e9"})
    void anInvalidKeyIs400NamingTheHeaderAndCreatesNothing(String key) {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());

        var refused = create(sponsor, key, draft("invalid key"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.<String>path("type")).isEqualTo(ProblemType.INVALID_REQUEST.uri());
        assertThat(refused.<String>path("violations[0].parameter")).isEqualTo(KEY);
        assertThat(protocolCount(sponsor)).isZero();
    }

    @Test
    void tooLongAndRepeatedKeysAre400() {
        var sponsor = Tokens.sponsor(Tokens.uniqueOrg());

        var tooLong = create(sponsor, "k".repeat(256), draft("long key"));
        var twoKeys = as(sponsor).header(KEY, "\"one\"").header(KEY, "\"two\"").contentType("application/json")
                .body(draft("two keys")).post(PROTOCOLS).then().extract();
        var submitWithBadKey = as(sponsor).header(KEY, "\"open").post(PROTOCOLS + "/" + UUID.randomUUID() + "/submit")
                .then().extract();

        assertThat(List.of(tooLong, twoKeys, submitWithBadKey)).allSatisfy(refused -> {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.<String>path("violations[0].parameter")).isEqualTo(KEY);
        });
        assertThat(protocolCount(sponsor)).isZero();
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static ExtractableResponse<Response> create(String token, String key, String body) {
        return as(token).header(KEY, key).contentType("application/json").body(body).post(PROTOCOLS).then().extract();
    }

    private static ExtractableResponse<Response> submit(String token, String id, String key) {
        return as(token).header(KEY, key).post(PROTOCOLS + "/" + id + "/submit").then().extract();
    }

    private static ExtractableResponse<Response> review(String id, String key, String body) {
        return as(Tokens.reviewer()).header(KEY, key).contentType("application/json").body(body)
                .post(PROTOCOLS + "/" + id + "/reviews").then().extract();
    }

    /** Protocols this sponsor can see, counted by the API. */
    private static int protocolCount(String sponsor) {
        return get(sponsor, PROTOCOLS + "?countTotal=true").<Integer>path("totalCount");
    }

    private static List<String> history(String token, String id) {
        return get(token, PROTOCOLS + "/" + id + "/history").path("items.action");
    }

    /** Every audit event of the registry, counted by the chain verification. */
    private static long auditEvents() {
        return get(Tokens.admin(), "/api/v1/audit/verify").<Number>path("eventsChecked").longValue();
    }

    /** The record that stored this create's response. */
    private IdempotencyRecord record(ExtractableResponse<Response> created) {
        var body = created.asString();
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("from IdempotencyRecord r where r.responseBody = :body", IdempotencyRecord.class)
                .setParameter("body", body).getSingleResult());
    }

    private void setExpiresAt(long id, Instant expiresAt) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createQuery("update IdempotencyRecord r set r.expiresAt = :at where r.id = :id")
                .setParameter("at", expiresAt).setParameter("id", id).executeUpdate());
    }

    private void setClaimedAt(long id, Instant claimedAt) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createQuery("update IdempotencyRecord r set r.claimedAt = :at where r.id = :id")
                .setParameter("at", claimedAt).setParameter("id", id).executeUpdate());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
