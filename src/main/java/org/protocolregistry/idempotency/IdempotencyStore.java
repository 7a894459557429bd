package org.protocolregistry.idempotency;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

/**
 * The idempotency records in the database, shared by every replica. Each change is one
 * conditional statement (on the record's id and claim token), so concurrent requests and
 * replicas cannot both hold or both complete the same key.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** The unique key on (caller scope, key) that lets only one request claim a key. */
    static final String SCOPE_KEY_CONSTRAINT = "uq_idempotency_scope_key";

    /** A key held by one request: the record's id and the token only that request knows. */
    public record Claim(long recordId, String token) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    IdempotencyConfig config;

    /** What a claim found: the key is now this request's, another record holds it, or a racing claim won. */
    public sealed interface Attempt {
    }

    /** The key is this request's. */
    public record Claimed(Claim claim) implements Attempt {
    }

    /** A live record of this caller holds the key: a completed response, or a request in flight. */
    public record Held(IdempotencyRecord record) implements Attempt {
    }

    /** A concurrent request claimed the key between this one's look and its insert; look again. */
    public record Contended() implements Attempt {
    }

    /**
     * Claims the key for a new request, in a transaction of its own so that other replicas see the
     * claim at once. This caller's expired record of the key, if any, is removed first.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Attempt claim(String callerScope, String key, String fingerprint, Instant now) {
        entityManager.createQuery("delete from IdempotencyRecord r where r.callerScope = :scope "
                        + "and r.idempotencyKey = :key and r.expiresAt <= :now")
                .setParameter("scope", callerScope).setParameter("key", key).setParameter("now", now)
                .executeUpdate();
        var existing = entityManager.createQuery("from IdempotencyRecord r where r.callerScope = :scope "
                        + "and r.idempotencyKey = :key", IdempotencyRecord.class)
                .setParameter("scope", callerScope).setParameter("key", key)
                .getResultStream().findFirst();
        if (existing.isPresent()) {
            return new Held(existing.get());
        }
        var record = new IdempotencyRecord();
        record.callerScope = callerScope;
        record.idempotencyKey = key;
        record.requestFingerprint = fingerprint;
        record.claimToken = UUID.randomUUID().toString();
        record.claimedAt = now;
        record.expiresAt = now.plus(config.ttl());
        try {
            entityManager.persist(record);
            entityManager.flush();
        } catch (ConstraintViolationException e) {
            if (isScopeKeyConflict(e)) {
                // Only on a true race; the transaction is marked for rollback and the winner is read afresh.
                return new Contended();
            }
            throw e;
        }
        return new Claimed(new Claim(record.id, record.claimToken));
    }

    /**
     * Takes over the claim of a request that has held the key too long (its replica died): only
     * one of several retries can, since the claim token must still be the abandoned one.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claim> takeOver(IdempotencyRecord abandoned, Instant now) {
        var token = UUID.randomUUID().toString();
        int updated = entityManager.createQuery("update IdempotencyRecord r set r.claimToken = :token, "
                        + "r.claimedAt = :now, r.expiresAt = :expires where r.id = :id "
                        + "and r.claimToken = :abandoned and r.completedAt is null")
                .setParameter("token", token).setParameter("now", now)
                .setParameter("expires", now.plus(config.ttl())).setParameter("id", abandoned.id)
                .setParameter("abandoned", abandoned.claimToken)
                .executeUpdate();
        return updated == 1 ? Optional.of(new Claim(abandoned.id, token)) : Optional.empty();
    }

    /**
     * Stores the response in the transaction of the write it answers. The key stays remembered for
     * the configured time from now.
     *
     * @return false when the claim was lost (taken over or expired meanwhile): the write must not commit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean complete(Claim claim, StoredResponse response, Instant now) {
        return entityManager.createQuery("update IdempotencyRecord r set r.completedAt = :now, "
                        + "r.expiresAt = :expires, r.responseStatus = :status, r.responseHeaders = :headers, "
                        + "r.responseBody = :body where r.id = :id and r.claimToken = :token "
                        + "and r.completedAt is null")
                .setParameter("now", now).setParameter("expires", now.plus(config.ttl()))
                .setParameter("status", response.status()).setParameter("headers", response.headersJson())
                .setParameter("body", response.body())
                .setParameter("id", claim.recordId()).setParameter("token", claim.token())
                .executeUpdate() == 1;
    }

    /** Gives the key up, in the current transaction: the request changed nothing, so a retry may run again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(Claim claim) {
        entityManager.createQuery("delete from IdempotencyRecord r where r.id = :id and r.claimToken = :token "
                        + "and r.completedAt is null")
                .setParameter("id", claim.recordId()).setParameter("token", claim.token())
                .executeUpdate();
    }

    /** Gives the key up after the write's transaction was rolled back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void releaseAfterRollback(Claim claim) {
        release(claim);
    }

    /** Deletes up to {@code limit} expired records, oldest first; returns how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeExpired(Instant now, int limit) {
        List<Long> ids = entityManager.createQuery("select r.id from IdempotencyRecord r where r.expiresAt <= :now "
                        + "order by r.expiresAt", Long.class)
                .setParameter("now", now).setMaxResults(limit).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return entityManager.createQuery("delete from IdempotencyRecord r where r.id in :ids and r.expiresAt <= :now")
                .setParameter("ids", ids).setParameter("now", now).executeUpdate();
    }

    private static boolean isScopeKeyConflict(ConstraintViolationException e) {
        return e.getConstraintName() != null
                && e.getConstraintName().toLowerCase(Locale.ROOT).contains(SCOPE_KEY_CONSTRAINT);
    }
}
