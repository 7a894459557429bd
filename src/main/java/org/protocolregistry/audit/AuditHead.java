package org.protocolregistry.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The last event of the chain; every append locks this single row so the chain never forks. */
@Entity
@Table(name = "audit_head")
public class AuditHead extends PanacheEntityBase {

    static final int ID = 1;
    static final String GENESIS_HASH = "0".repeat(64);

    @Id
    public int id;

    @Column(name = "sequence_number", nullable = false)
    public long sequenceNumber;

    @Column(nullable = false, length = 64)
    public String hash;
}
