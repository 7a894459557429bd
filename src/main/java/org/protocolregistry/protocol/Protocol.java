package org.protocolregistry.protocol;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A protocol: owner, lifecycle state, current version and the searchable columns
 * copied from that version's document. Mutable, so optimistically locked.
 */
@Entity
@Table(name = "protocol")
public class Protocol extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "sponsor_org", nullable = false, length = 200)
    public String sponsorOrg;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public ProtocolStatus status;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    /** The published version: the last one approved, shown to viewers while an amendment is drafted. */
    @Column(name = "approved_version")
    public Integer approvedVersion;

    /** The highest version number given so far; the next version is one more. */
    @Column(name = "last_version", nullable = false)
    public int lastVersion;

    @Column(name = "first_submitted_at")
    public Instant firstSubmittedAt;

    @Column(name = "brief_title", length = 300)
    public String briefTitle;

    @Column(name = "condition_category", length = 40)
    public String conditionCategory;

    @Column(length = 20)
    public String phase;

    @Column(name = "overall_status", length = 40)
    public String overallStatus;

    @Column(name = "initial_dose_mg")
    public Double initialDoseMg;

    /** Findings by severity in the current version's report, for searches and exports. */
    @Column(name = "error_count")
    public Integer errorCount;

    @Column(name = "warning_count")
    public Integer warningCount;

    @Column(name = "info_count")
    public Integer infoCount;

    /** Lower-case titles, condition name and outcome titles for free-text search. */
    @Column(name = "search_text", length = 4000)
    public String searchText;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(name = "lock_version", nullable = false)
    public long lockVersion;

    /** Strong entity tag of the protocol's state: changes with every version and every state change. */
    public String etag() {
        return "\"" + currentVersion + "." + lockVersion + "\"";
    }

    /** Entity tag of the published view that viewers get. */
    public String publishedEtag() {
        return "\"p" + approvedVersion + "." + lockVersion + "\"";
    }
}
