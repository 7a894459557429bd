package org.protocolregistry.idempotency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One caller's use of one idempotency key: a claim while the request is in flight
 * ({@link #completedAt} null), then the response it got. Changed only through the conditional
 * statements of {@link IdempotencyStore}, which compare {@link #claimToken}.
 */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "caller_scope", nullable = false, length = 64)
    public String callerScope;

    @Column(name = "idempotency_key", nullable = false, length = 255)
    public String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false, length = 64)
    public String requestFingerprint;

    @Column(name = "claim_token", nullable = false, length = 36)
    public String claimToken;

    @Column(name = "claimed_at", nullable = false)
    public Instant claimedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "response_status")
    public Integer responseStatus;

    @Column(name = "response_headers", length = 65_536)
    public String responseHeaders;

    /** Longer than Hibernate's H2 string limit (1 MiB, above which it expects a CLOB), so spelled out. */
    @Column(name = "response_body", length = 4_194_304, columnDefinition = "varchar(4194304)")
    public String responseBody;
}
