package org.protocolregistry.review;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A recorded decision; never changed once written. */
@Entity
@Immutable
@Table(name = "review")
public class Review extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "protocol_id", nullable = false, length = 36)
    public String protocolId;

    @Column(name = "version_number", nullable = false)
    public int versionNumber;

    @Column(nullable = false)
    public String reviewer;

    @Column(nullable = false, length = 32)
    public String decision;

    @Column(length = 10_000)
    public String summary;

    @Column(name = "comments_json", nullable = false, length = 1_048_576)
    public String commentsJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static List<Review> listForProtocol(String protocolId) {
        return list("protocolId = ?1 order by id", protocolId);
    }
}
