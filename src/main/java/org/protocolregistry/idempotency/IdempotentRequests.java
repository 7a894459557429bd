package org.protocolregistry.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.protocolregistry.api.ProblemException;
import org.protocolregistry.api.ProblemType;
import org.protocolregistry.api.Violation;
import org.protocolregistry.security.Caller;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;

/**
 * Makes a write repeatable under an {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header).
 * The same key with the same request from the same caller gets the first response again and changes
 * nothing; the same key with another request is a 422; the same key while its first request is still
 * running is a 409. Without a key the write simply runs.
 *
 * <p>Only successful (2xx) responses are stored: a refused or failed request changed nothing (its
 * transaction was rolled back), so running it again is safe, and its answer may rightly differ once
 * the client has fixed the cause (a submission blocked by findings, a stale If-Match).
 */
@ApplicationScoped
public class IdempotentRequests {

    /** Response header marking a replayed response. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Text of the header parameter in the OpenAPI document of every operation that takes a key. */
    public static final String KEY_DESCRIPTION = "Optional key that makes a retry of this request safe (IETF draft "
            + "\"The Idempotency-Key HTTP Header Field\"): an RFC 8941 string such as \"8e03978e-40d5-43e8-bc93-"
            + "6894a57f9324\" (a bare token is accepted too), 1 to 255 printable ASCII characters, unique per "
            + "request. The same key with the same request (method, path, body bytes and If-Match) from the same "
            + "caller (token subject and organisation) answers the first successful response again, marked "
            + REPLAYED_HEADER + ": true, and changes nothing; with a different request it is a 422; while the "
            + "first request is still in progress, a 409. Keys are remembered for 24 hours by default "
            + "(registry.idempotency.ttl); failed requests are not remembered. An invalid key is a 400.";

    /** An example key, as the draft writes it. */
    public static final String KEY_EXAMPLE = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"";

    /** Description of the replay marker in the OpenAPI document. */
    public static final String REPLAYED_DESCRIPTION = "true when this is the stored response to an earlier request "
            + "with the same Idempotency-Key; absent otherwise.";

    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);

    /** Rounds of claim, read and take-over before giving up with 409; each round needs another request's move. */
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final int PURGE_BATCH = 500;

    @Inject
    IdempotencyStore store;

    @Inject
    IdempotencyConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    HttpServerRequest request;

    /** When this replica next deletes expired records. */
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.EPOCH);

    /**
     * Runs {@code write} once per key. The write runs in a transaction that also stores its
     * response, so the two commit or roll back together.
     *
     * @param caller  the verified caller, whose subject and organisation scope the key
     * @param ifMatch the If-Match header, for operations that take one (null otherwise)
     * @param body    the request body as received (empty for none)
     */
    public Response execute(Caller caller, String ifMatch, byte[] body, Supplier<RestResponse<?>> write) {
        var key = IdempotencyKey.parse(request.headers().getAll(IdempotencyKey.HEADER));
        if (key.isEmpty()) {
            return write.get().toResponse();
        }
        var scope = scopeOf(caller);
        var fingerprint = fingerprintOf(request.method().name(), request.path(), ifMatch, body);
        purgeExpiredIfDue();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var claim = store.claim(scope, key.get(), fingerprint, now());
            if (claim instanceof IdempotencyStore.Claimed claimed) {
                return executeClaimed(claimed.claim(), write);
            }
            if (!(claim instanceof IdempotencyStore.Held held)) {
                continue; // a concurrent request claimed the key first: look at its record
            }
            var record = held.record();
            if (!record.requestFingerprint.equals(fingerprint)) {
                throw keyReused();
            }
            if (record.completedAt != null) {
                return StoredResponse.of(record).toResponse(json, true);
            }
            if (record.claimedAt.plus(config.inFlightTimeout()).isAfter(now())) {
                throw keyInUse();
            }
            var takenOver = store.takeOver(record, now());
            if (takenOver.isPresent()) {
                LOG.infof("Idempotency key of record %d was held for over %s; its request is presumed lost and "
                        + "this retry runs it", record.id, config.inFlightTimeout());
                return executeClaimed(takenOver.get(), write);
            }
        }
        throw keyInUse();
    }

    private Response executeClaimed(IdempotencyStore.Claim claim, Supplier<RestResponse<?>> write) {
        StoredResponse stored;
        try {
            stored = QuarkusTransaction.requiringNew().call(() -> {
                var response = StoredResponse.of(write.get().toResponse(), json);
                if (!response.isSuccess()) {
                    store.release(claim);
                } else if (!store.complete(claim, response, now())) {
                    // Another request took the key over meanwhile; rolling back keeps the write single.
                    throw keyInUse();
                }
                return response;
            });
        } catch (RuntimeException e) {
            releaseAfterRollback(claim);
            throw e;
        }
        return stored.toResponse(json, false);
    }

    private void releaseAfterRollback(IdempotencyStore.Claim claim) {
        try {
            store.releaseAfterRollback(claim);
        } catch (RuntimeException e) {
            // A retry takes the key over once the in-flight timeout has passed.
            LOG.warnf(e, "Could not release idempotency record %d after a failed request", claim.recordId());
        }
    }

    /** Deletes a bounded batch of expired records, at most once a minute per replica, beside a request. */
    private void purgeExpiredIfDue() {
        var now = now();
        var due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
            return;
        }
        try {
            int purged = store.purgeExpired(now, PURGE_BATCH);
            if (purged > 0) {
                LOG.debugf("Purged %d expired idempotency records", purged);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Purging expired idempotency records failed; the next purge tries again");
        }
    }

    /** The caller's own key space: token subject and organisation, length-prefixed so no two callers share it. */
    static String scopeOf(Caller caller) {
        return sha256(caller.requireSubject(), caller.org() == null ? "" : caller.org());
    }

    /** What makes two requests "the same": method, path, If-Match and the body bytes. */
    static String fingerprintOf(String method, String path, String ifMatch, byte[] body) {
        return sha256Bytes(method.getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8),
                ifMatch == null ? null : ifMatch.getBytes(StandardCharsets.UTF_8), body == null ? new byte[0] : body);
    }

    private static String sha256(String... parts) {
        var bytes = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = parts[i].getBytes(StandardCharsets.UTF_8);
        }
        return sha256Bytes(bytes);
    }

    /** Each part is preceded by its length (-1 for absent), so that no two lists of parts hash alike. */
    private static String sha256Bytes(byte[]... parts) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var part : parts) {
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(part == null ? -1 : part.length).array());
                if (part != null) {
                    digest.update(part);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static ProblemException keyReused() {
        return new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used for a different request (another method, path, body or "
                        + "If-Match). Use a new key for a new request.",
                List.of(Violation.atParameter(IdempotencyKey.HEADER,
                        "already used for a different request")));
    }

    private static ProblemException keyInUse() {
        return new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                "A request with this Idempotency-Key is still in progress; retry after it has finished to get its "
                        + "response.", null, Map.of("Retry-After", "1"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
