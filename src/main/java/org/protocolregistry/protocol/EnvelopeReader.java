package org.protocolregistry.protocol;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.protocolregistry.security.Caller;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads protocols with the versions their readers see in one SQL statement, straight through
 * JDBC: the read path of {@code GET /protocols/{id}} and of every search page. Loading the two
 * entities through Hibernate (two queries, entity hydration, a transaction and its flush) cost
 * about three times the rest of such a request (load benchmark, src/test/load). The envelope
 * needs none of that: versions are immutable, and one statement reads a protocol row and its
 * versions at a single moment. Who may see what stays in {@link ProtocolAccess}, applied by the
 * callers to the rows read. Inside a transaction the statement runs on its connection, so it
 * sees the transaction's flushed changes.
 */
@ApplicationScoped
class EnvelopeReader {

    /** Rows of the protocol and of its current and approved versions (one row when they are the same). */
    private static final String SELECT = "SELECT p.id, p.sponsor_org, p.status, p.current_version, p.approved_version, "
            + "p.first_submitted_at, p.created_at, p.updated_at, p.lock_version, "
            + "v.version_number, v.created_at, v.document_json, v.validation_report "
            + "FROM protocol p JOIN protocol_version v ON v.protocol_id = p.id "
            + "AND (v.version_number = p.current_version OR v.version_number = p.approved_version) "
            + "WHERE p.id IN (";

    /** A protocol row and the versions read with it, keyed by number. */
    record Loaded(Protocol protocol, Map<Integer, ProtocolVersion> versions) {

        /** The envelope as this caller may see it: viewers get the published (approved) version. */
        ProtocolEnvelope envelopeFor(Caller caller) {
            if (ProtocolAccess.seesOnlyPublished(caller, protocol)) {
                return ProtocolEnvelope.published(protocol, versions.get(protocol.approvedVersion));
            }
            return ProtocolEnvelope.of(protocol, versions.get(protocol.currentVersion));
        }
    }

    @Inject
    DataSource dataSource;

    /**
     * Statements this reader runs: one per read or page, whatever the page size. Hibernate's
     * statistics do not see plain JDBC, so the N+1 check (StatisticsAndExportTest) counts these.
     */
    private final Counter statements;

    @Inject
    EnvelopeReader(MeterRegistry meters) {
        statements = Counter.builder("registry.envelope.statements")
                .description("SQL statements that read protocol envelopes: one per single read or search page")
                .register(meters);
    }

    /** The protocols with these ids that exist, by id (no access check). */
    Map<String, Loaded> load(Collection<String> ids) {
        var loaded = new LinkedHashMap<String, Loaded>();
        if (ids.isEmpty()) {
            return loaded;
        }
        var sql = new StringBuilder(SELECT.length() + 3 * ids.size()).append(SELECT);
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(')');
        statements.increment();
        try (Connection connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (var id : ids) {
                statement.setString(index++, id);
            }
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    var entry = loaded.computeIfAbsent(rows.getString(1), id -> new Loaded(protocolOf(id, rows),
                            new HashMap<>(2)));
                    var version = versionOf(entry.protocol().id, rows);
                    entry.versions().put(version.versionNumber, version);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading protocol envelopes failed", e);
        }
        return loaded;
    }

    /** The protocol columns an envelope and the access rules need; the rest stay unset. */
    private static Protocol protocolOf(String id, ResultSet rows) {
        try {
            var protocol = new Protocol();
            protocol.id = id;
            protocol.sponsorOrg = rows.getString(2);
            protocol.status = ProtocolStatus.valueOf(rows.getString(3));
            protocol.currentVersion = rows.getInt(4);
            var approved = rows.getInt(5);
            protocol.approvedVersion = rows.wasNull() ? null : approved;
            protocol.firstSubmittedAt = instant(rows, 6);
            protocol.createdAt = instant(rows, 7);
            protocol.updatedAt = instant(rows, 8);
            protocol.lockVersion = rows.getLong(9);
            return protocol;
        } catch (SQLException e) {
            throw new PersistenceException("reading a protocol row failed", e);
        }
    }

    private static ProtocolVersion versionOf(String protocolId, ResultSet rows) throws SQLException {
        var version = new ProtocolVersion();
        version.protocolId = protocolId;
        version.versionNumber = rows.getInt(10);
        version.createdAt = instant(rows, 11);
        version.documentJson = rows.getString(12);
        version.validationReport = rows.getString(13);
        return version;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        var time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
