package org.protocolregistry.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One entry of the append-only, hash-chained audit trail. Never updated, never deleted. */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @Column(name = "sequence_number")
    public long sequenceNumber;

    @Column(name = "protocol_id", nullable = false, length = 36)
    public String protocolId;

    @Column(name = "actor_subject", nullable = false)
    public String actorSubject;

    @Column(name = "actor_org", length = 200)
    public String actorOrg;

    @Column(name = "actor_role", nullable = false, length = 32)
    public String actorRole;

    @Column(nullable = false, length = 32)
    public String action;

    @Column(name = "from_state", length = 32)
    public String fromState;

    @Column(name = "to_state", nullable = false, length = 32)
    public String toState;

    @Column(name = "version_number", nullable = false)
    public int versionNumber;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "request_id", length = 100)
    public String requestId;

    @Column(name = "previous_hash", nullable = false, length = 64)
    public String previousHash;

    @Column(nullable = false, length = 64)
    public String hash;
}
