package org.protocolregistry.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;

import org.hibernate.Session;
import org.protocolregistry.validation.ValidationReport;

/**
 * Keeps the statistics tallies (V5) in step with the protocols: around every change of a
 * protocol it reads what the protocol counted for before and after, from the database rows the
 * live statistics read too, and adds the difference (a new protocol's counts come from the
 * values it was written with, see {@link #added}). Runs in the change's transaction: the
 * tallies are written after the change's audit event, while the audit chain's head lock
 * serialises writers (so a MERGE never races another for a new row), and a rolled-back change
 * leaves them untouched.
 */
@ApplicationScoped
public class StatisticsTallies {

    @Inject
    EntityManager entityManager;

    /** What one protocol adds to each tally: key columns → count. */
    record Contribution(Map<List<Object>, Long> protocols, Map<List<Object>, Long> findings,
            Map<List<Object>, Long> submissions) {

        static final Contribution NONE = new Contribution(Map.of(), Map.of(), Map.of());
    }

    /** The cell every tally is keyed by first: whose protocol, who may see it, its status and errors. */
    private static final List<String> CELL_COLUMNS = List.of("sponsor_org", "audience", "status", "has_errors");

    private enum Tally {
        PROTOCOLS("stats_protocol_tally", "protocol_count",
                List.of("condition_category", "phase", "overall_status")),
        FINDINGS("stats_finding_tally", "finding_count", List.of("rule_id", "severity")),
        SUBMISSIONS("stats_submission_tally", "submission_count", List.of("submitted_year", "submitted_month"));

        final String mergeStatement;

        Tally(String table, String countColumn, List<String> ownColumns) {
            var columns = new ArrayList<>(CELL_COLUMNS);
            columns.addAll(ownColumns);
            var keyList = String.join(", ", columns);
            // Typed placeholders: PostgreSQL cannot infer the type of a bare parameter in VALUES.
            var placeholders = columns.stream().map(column -> "CAST(? AS " + columnType(column) + ")").toList();
            this.mergeStatement = "MERGE INTO " + table + " t USING (VALUES (" + String.join(", ", placeholders)
                    + ", CAST(? AS BIGINT))) AS d (" + keyList + ", delta) ON "
                    + String.join(" AND ", columns.stream().map(column -> "t." + column + " = d." + column).toList())
                    + " WHEN MATCHED THEN UPDATE SET " + countColumn + " = t." + countColumn + " + d.delta"
                    + " WHEN NOT MATCHED THEN INSERT (" + keyList + ", " + countColumn + ") VALUES ("
                    + String.join(", ", columns.stream().map(column -> "d." + column).toList()) + ", d.delta)";
        }

        private static String columnType(String column) {
            return switch (column) {
                case "has_errors" -> "BOOLEAN";
                case "submitted_year", "submitted_month" -> "INTEGER";
                default -> "VARCHAR(200)";
            };
        }
    }

    /**
     * Runs {@code change} on the protocol and moves the protocol's counts with it. The protocol's
     * row is locked first, so no other change can slip in between reading its old counts and
     * writing the new ones; a concurrent change waits and then meets the new state (412 or 409),
     * or, when the database stops waiting, gets {@code lostRace}.
     */
    public <T> T tracking(String protocolId, Supplier<? extends RuntimeException> lostRace, Supplier<T> change) {
        try {
            entityManager.createNativeQuery("SELECT id FROM protocol WHERE id = ?1 FOR UPDATE")
                    .setParameter(1, protocolId).getResultList();
        } catch (LockTimeoutException | PessimisticLockException e) {
            // The database gave up waiting (the lock timeout, 10 s) while another change of the
            // same protocol was still running: the caller has lost that race.
            throw lostRace.get();
        }
        var before = contribution(protocolId);
        var result = change.get();
        entityManager.flush();
        apply(before, contribution(protocolId));
        return result;
    }

    /**
     * Counts a protocol that has just been created, from the values its rows were written with:
     * a new protocol is a draft nobody else sees yet ({@code PRIVATE}), never submitted, its
     * findings those of its first report. Saves the create path three reads while it holds the
     * audit chain's head lock; StatisticsTalliesTest checks the result against live counts.
     */
    public void added(Protocol protocol, ValidationReport report) {
        // No flush first: nothing here reads the session's rows, and the audit append before it
        // has already locked the chain's head in the database (a flush per create cost a group
        // of n creates n dirty checks of its growing session).
        var cell = List.<Object>of(protocol.sponsorOrg, "PRIVATE", protocol.status.name(),
                protocol.errorCount != null && protocol.errorCount > 0);
        var protocols = Map.of(concat(cell, orEmpty(protocol.conditionCategory), orEmpty(protocol.phase),
                orEmpty(protocol.overallStatus)), 1L);
        var findings = new HashMap<List<Object>, Long>();
        SearchColumns.findingCounts(report).forEach((rule, count) ->
                findings.put(concat(cell, rule.ruleId(), rule.severity().name()), count.longValue()));
        apply(Contribution.NONE, new Contribution(protocols, findings, Map.of()));
    }

    /** The view's COALESCE(column, ''): tallies key an absent field as the empty string. */
    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    Contribution contribution(String protocolId) {
        List<?> cells = entityManager.createNativeQuery("SELECT sponsor_org, audience, status, has_errors, "
                + "condition_category, phase, overall_status FROM stats_protocol_cell WHERE id = ?1")
                .setParameter(1, protocolId).getResultList();
        if (cells.isEmpty()) {
            return Contribution.NONE;
        }
        var row = (Object[]) cells.get(0);
        var cell = List.<Object>of(row[0], row[1], row[2], toBoolean(row[3]));
        var protocols = Map.of(concat(cell, row[4], row[5], row[6]), 1L);
        var findings = new HashMap<List<Object>, Long>();
        for (var finding : rows("SELECT rule_id, severity, finding_count FROM protocol_finding WHERE protocol_id = ?1",
                protocolId)) {
            findings.merge(concat(cell, finding[0], finding[1]), ((Number) finding[2]).longValue(), Long::sum);
        }
        var submissions = new HashMap<List<Object>, Long>();
        for (var month : rows("SELECT submitted_year, submitted_month, COUNT(*) FROM (SELECT "
                + "CAST(EXTRACT(YEAR FROM occurred_at) AS INTEGER) AS submitted_year, "
                + "CAST(EXTRACT(MONTH FROM occurred_at) AS INTEGER) AS submitted_month FROM audit_event "
                + "WHERE protocol_id = ?1 AND action = 'SUBMIT') submissions GROUP BY submitted_year, submitted_month",
                protocolId)) {
            submissions.merge(concat(cell, ((Number) month[0]).intValue(), ((Number) month[1]).intValue()),
                    ((Number) month[2]).longValue(), Long::sum);
        }
        return new Contribution(protocols, findings, submissions);
    }

    private void apply(Contribution before, Contribution after) {
        merge(Tally.PROTOCOLS, difference(before.protocols(), after.protocols()));
        merge(Tally.FINDINGS, difference(before.findings(), after.findings()));
        merge(Tally.SUBMISSIONS, difference(before.submissions(), after.submissions()));
    }

    private static Map<List<Object>, Long> difference(Map<List<Object>, Long> before, Map<List<Object>, Long> after) {
        var deltas = new HashMap<>(after);
        before.forEach((key, count) -> deltas.merge(key, -count, Long::sum));
        deltas.values().removeIf(delta -> delta == 0);
        return deltas;
    }

    /**
     * Adds each delta with one MERGE (SQL:2008; H2 and PostgreSQL 15+) that creates missing rows:
     * a single-row statement of fixed text sent as a JDBC batch, so the database parses it once
     * per connection however many rows a protocol touches.
     */
    private void merge(Tally tally, Map<List<Object>, Long> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        var sql = tally.mergeStatement;
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var statement = connection.prepareStatement(sql)) {
                for (var entry : deltas.entrySet()) {
                    var key = entry.getKey();
                    for (int i = 0; i < key.size(); i++) {
                        statement.setObject(i + 1, key.get(i));
                    }
                    statement.setLong(key.size() + 1, entry.getValue());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, String protocolId) {
        return entityManager.createNativeQuery(sql).setParameter(1, protocolId).getResultList();
    }

    private static List<Object> concat(List<Object> cell, Object... more) {
        var key = new ArrayList<>(cell);
        key.addAll(List.of(more));
        return List.copyOf(key);
    }

    private static Boolean toBoolean(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }
}
