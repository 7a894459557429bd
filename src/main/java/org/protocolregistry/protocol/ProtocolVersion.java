package org.protocolregistry.protocol;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.Immutable;
import org.protocolregistry.validation.ValidationReport;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One immutable version of a protocol's document: its canonical JSON and SHA-256. */
@Entity
@Immutable
@Table(name = "protocol_version")
public class ProtocolVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "protocol_id", nullable = false, length = 36)
    public String protocolId;

    @Column(name = "version_number", nullable = false)
    public int versionNumber;

    @Column(name = "document_json", nullable = false, length = 1_048_576)
    public String documentJson;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** The rule set that produced {@link #validationReport}. */
    @Column(name = "rule_set_version", length = 20)
    public String ruleSetVersion;

    /** The safety validator's report (JSON) made when the version was stored. */
    @Column(name = "validation_report", length = 1_048_576)
    public String validationReport;

    /** The report just made for a new version, before it is stored; not persisted as such. */
    @Transient
    ValidationReport report;

    static Optional<ProtocolVersion> findVersion(String protocolId, int versionNumber) {
        return find("protocolId = ?1 and versionNumber = ?2", protocolId, versionNumber).firstResultOptional();
    }
}
