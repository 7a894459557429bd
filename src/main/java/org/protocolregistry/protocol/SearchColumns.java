package org.protocolregistry.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.protocolregistry.protocol.document.ProtocolDocument;
import org.protocolregistry.validation.Finding;
import org.protocolregistry.validation.Severity;
import org.protocolregistry.validation.ValidationReport;

/**
 * Keeps the columns that searches filter, sort and count on in step with a protocol's
 * current version: copies of document fields, finding counts, lower-case search text and the
 * findings by rule. The document and its report stay the source of truth.
 */
@ApplicationScoped
public class SearchColumns {

    /** Longest title kept in the sortable column; the document keeps the whole title. */
    static final int BRIEF_TITLE_COLUMN_LENGTH = 300;
    static final int SEARCH_TEXT_LENGTH = 4000;

    @Inject
    EntityManager entityManager;

    /** Copies the current version's searchable fields and counts onto the protocol row. */
    void describe(Protocol protocol, ProtocolDocument document, ValidationReport report) {
        var registration = document.registration();
        protocol.briefTitle = truncate(registration.briefTitle(), BRIEF_TITLE_COLUMN_LENGTH);
        protocol.phase = registration.phase() == null ? null : registration.phase().name();
        protocol.overallStatus = registration.overallStatus() == null ? null : registration.overallStatus().name();
        var condition = document.condition();
        protocol.conditionCategory = condition == null || condition.category() == null
                ? null : condition.category().name();
        var dosing = document.dosing();
        protocol.initialDoseMg = dosing == null || dosing.initialDoseMg() == null
                ? null : dosing.initialDoseMg().doubleValue();
        protocol.searchText = searchText(document);
        protocol.errorCount = report.counts().get(Severity.ERROR);
        protocol.warningCount = report.counts().get(Severity.WARNING);
        protocol.infoCount = report.counts().get(Severity.INFO);
    }

    /** Replaces the protocol's findings-by-rule rows with those of the current report. */
    void indexFindings(String protocolId, ValidationReport report) {
        entityManager.createNativeQuery("DELETE FROM protocol_finding WHERE protocol_id = ?1")
                .setParameter(1, protocolId).executeUpdate();
        insertFindings(protocolId, report);
    }

    /**
     * Writes the findings-by-rule rows of a protocol that has none yet (a new one): a single-row
     * INSERT of fixed text sent as one JDBC batch, so the database parses it once per connection
     * however many rules a report names (a draft's can name dozens).
     */
    void insertFindings(String protocolId, ValidationReport report) {
        var counts = findingCounts(report);
        if (counts.isEmpty()) {
            return;
        }
        entityManager.flush(); // the protocol's row first: plain JDBC does not flush the session
        entityManager.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement(
                    "INSERT INTO protocol_finding (protocol_id, rule_id, severity, finding_count) VALUES (?, ?, ?, ?)")) {
                for (var entry : counts.entrySet()) {
                    insert.setString(1, protocolId);
                    insert.setString(2, entry.getKey().ruleId());
                    insert.setString(3, entry.getKey().severity().name());
                    insert.setInt(4, entry.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** A rule and severity that a report names. */
    record RuleSeverity(String ruleId, Severity severity) {
    }

    /** How many findings the report has per rule and severity: the rows of protocol_finding. */
    static Map<RuleSeverity, Integer> findingCounts(ValidationReport report) {
        var counts = new LinkedHashMap<RuleSeverity, Integer>();
        for (Finding finding : report.findings()) {
            counts.merge(new RuleSeverity(finding.ruleId(), finding.severity()), 1, Integer::sum);
        }
        return counts;
    }

    /** Titles, condition name and outcome titles, lower case, for portable LIKE matching. */
    static String searchText(ProtocolDocument document) {
        var parts = new ArrayList<String>();
        var registration = document.registration();
        parts.add(registration.briefTitle());
        parts.add(registration.officialTitle());
        if (document.condition() != null) {
            parts.add(document.condition().name());
        }
        if (document.outcomeMeasures() != null) {
            document.outcomeMeasures().forEach(outcome -> parts.add(outcome.title()));
        }
        var text = String.join(" ", parts.stream().filter(part -> part != null && !part.isBlank()).toList())
                .toLowerCase(Locale.ROOT);
        return truncate(text, SEARCH_TEXT_LENGTH);
    }

    static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        var end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }
}
